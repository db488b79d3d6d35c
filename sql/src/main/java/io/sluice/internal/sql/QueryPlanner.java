package io.sluice.internal.sql;

import io.sluice.core.SluiceException;
import io.sluice.sql.Column;
import io.sluice.sql.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.RelBuilder;

/**
 * Parses, validates and optimizes a query with Calcite, over tables known by their schemas only:
 * the result is a logical plan and the schema of its rows. Names are matched case-insensitively and
 * keep the case they were written in. Runs on the driver.
 */
public final class QueryPlanner {
  /** A query's optimized logical plan and the columns of its result. */
  public record Plan(RelNode root, Schema schema) {}

  private static final HepProgram OPTIMIZE = HepProgram.builder()
      .addRuleInstance(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE)
      .addRuleInstance(CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE)
      .addRuleInstance(CoreRules.JOIN_SUB_QUERY_TO_CORRELATE)
      .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
      .addRuleInstance(CoreRules.FILTER_PROJECT_TRANSPOSE)
      .addRuleInstance(CoreRules.FILTER_MERGE)
      .addRuleInstance(CoreRules.PROJECT_MERGE)
      .addRuleInstance(CoreRules.PROJECT_REMOVE)
      .addRuleInstance(CoreRules.AGGREGATE_PROJECT_MERGE)
      // COUNT(DISTINCT x) and friends become a GROUP BY on x under a plain aggregate (joined back
      // when mixed with other aggregates), which the translator runs with map-side combining.
      .addRuleInstance(CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES_TO_JOIN)
      .addRuleInstance(CoreRules.PROJECT_MERGE)
      .addRuleInstance(CoreRules.PROJECT_REMOVE)
      .build();

  private QueryPlanner() {}

  /** Plans {@code sql} over {@code tables}; a syntax or validation error names its line and column. */
  public static Plan plan(String sql, Map<String, Schema> tables) {
    SchemaPlus root = Frameworks.createRootSchema(false);
    tables.forEach((name, schema) -> root.add(name, new SchemaTable(schema)));
    FrameworkConfig config = Frameworks.newConfigBuilder()
        .defaultSchema(root)
        .parserConfig(SqlParser.config().withCaseSensitive(false).withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED))
        .build();
    Planner planner = Frameworks.getPlanner(config);
    try {
      SqlNode parsed = planner.parse(sql);
      SqlNode validated = planner.validate(parsed);
      RelRoot relRoot = planner.rel(validated);
      RelNode logical = relRoot.project();
      HepPlanner hep = new HepPlanner(OPTIMIZE);
      hep.setRoot(logical);
      RelNode optimized = hep.findBestExp();
      RelBuilder builder = RelBuilder.create(config);
      optimized = RelDecorrelator.decorrelateQuery(optimized, builder);
      return new Plan(optimized, schemaOf(relRoot.validatedRowType));
    } catch (SqlParseException e) {
      throw new SluiceException("SQL syntax error at line " + e.getPos().getLineNum() + ", column "
          + e.getPos().getColumnNum() + ": " + firstLine(e.getMessage()), e);
    } catch (org.apache.calcite.tools.ValidationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CalciteContextException context) {
        throw new SluiceException("SQL error at line " + context.getPosLine() + ", column " + context.getPosColumn()
            + ": " + context.getCause().getMessage(), e);
      }
      throw new SluiceException("SQL error: " + e.getMessage(), e);
    } catch (org.apache.calcite.tools.RelConversionException e) {
      throw new SluiceException("SQL: cannot plan the query: " + e.getMessage(), e);
    } finally {
      planner.close();
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static Schema schemaOf(RelDataType rowType) {
    List<Column> columns = new ArrayList<>();
    for (RelDataTypeField field : rowType.getFieldList()) {
      columns.add(new Column(field.getName(), SqlTypes.of(field.getType())));
    }
    return new Schema(columns);
  }

  /** A table Calcite knows by its columns only; its rows are an RDD that only {@link RelToRdd} sees. */
  private static final class SchemaTable extends AbstractTable {
    private final Schema schema;

    SchemaTable(Schema schema) {
      this.schema = schema;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
      RelDataTypeFactory.Builder row = types.builder();
      for (Column column : schema.columns()) {
        SqlTypeName type = SqlTypes.calcite(column.type());
        RelDataType sqlType = type == SqlTypeName.TIMESTAMP ? types.createSqlType(type, 3) : types.createSqlType(type);
        row.add(column.name(), types.createTypeWithNullability(sqlType, true));
      }
      return row.build();
    }
  }
}
