package io.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A first differential test: generated queries over a generated table with NULLs, each run by Sluice
 * on local[2] and by Calcite's own enumerable engine (the oracle) over the same rows, compared as
 * multisets. Covers single-table SELECT/WHERE/GROUP BY only; joins and ORDER BY are not generated yet.
 */
class CalciteOracleTest {
  public record Item(String shop, String item, Integer qty, Double price) implements java.io.Serializable {}

  private static final String[] SHOPS = {"north", "south", "east", null};
  private static final String[] ITEMS = {"apple", "pear", "plum", "fig", null};

  /** Queries per run: kept small for the run time (about 0.3 s a query, most of it Calcite's code generation). */
  private static final int QUERIES = 100;

  private static SluiceContext sc;
  private static SqlContext sql;
  private static Connection oracle;
  private static final List<Item> ROWS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Random random = new Random(17);
    for (int i = 0; i < 200; i++) {
      ROWS.add(new Item(SHOPS[random.nextInt(SHOPS.length)], ITEMS[random.nextInt(ITEMS.length)],
          random.nextInt(6) == 0 ? null : random.nextInt(10) - 2,
          random.nextInt(5) == 0 ? null : random.nextInt(8) * 0.25));
    }
    sc = new SluiceContext(new SluiceConf().setMaster("local[2]").setAppName("sql-oracle-test"));
    sql = SqlContext.getOrCreate(sc);
    sql.register("t", sc.parallelize(ROWS, 3), Item.class);
    Properties properties = new Properties();
    properties.setProperty("caseSensitive", "false");
    oracle = DriverManager.getConnection("jdbc:calcite:", properties);
    oracle.unwrap(CalciteConnection.class).getRootSchema().add("t", new RowsTable());
  }

  @AfterAll
  static void stop() throws Exception {
    oracle.close();
    sc.close();
  }

  /** The same rows for Calcite's engine, with the column types Sluice gives the record's components. */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
      return types.builder()
          .add("shop", nullable(types, SqlTypeName.VARCHAR))
          .add("item", nullable(types, SqlTypeName.VARCHAR))
          .add("qty", nullable(types, SqlTypeName.INTEGER))
          .add("price", nullable(types, SqlTypeName.DOUBLE))
          .build();
    }

    private static RelDataType nullable(RelDataTypeFactory types, SqlTypeName name) {
      return types.createTypeWithNullability(types.createSqlType(name), true);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      List<Object[]> rows = new ArrayList<>();
      for (Item item : ROWS) {
        rows.add(new Object[] {item.shop(), item.item(), item.qty(), item.price()});
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  private static final String[] PREDICATES = {
    "qty > 3", "qty <= 0", "price < 1.0", "shop = 'north'", "shop is null", "price is null or qty > 5",
    "not (qty between 1 and 4)", "item in ('apple', 'fig')", "shop <> 'east' and price >= 0.5",
    "upper(item) = 'PEAR'", "qty * 2 + 1 > 7", "case when qty > 2 then price else 0 end > 0.5"};
  private static final String[] EXPRESSIONS = {
    "shop", "item", "qty", "price", "qty + 1", "qty * price", "coalesce(shop, 'none')",
    "case when price is null then -1 else qty end", "char_length(item)", "item || '-' || shop",
    "cast(qty as bigint)", "qty - 3"};
  private static final String[] GROUP_KEYS = {"shop", "item", "qty", "shop, item"};
  private static final String[] AGGREGATES = {
    "count(*)", "count(price)", "sum(qty)", "min(price)", "max(item)", "sum(price)", "max(qty)",
    "count(distinct item)", "min(shop)"};

  @Test
  void generatedQueriesGiveWhatCalcitesOwnEngineGives() throws Exception {
    Random random = new Random(42);
    int withRows = 0;
    long sluiceNanos = 0;
    long oracleNanos = 0;
    for (int i = 0; i < QUERIES; i++) {
      String query = random.nextBoolean() ? selectQuery(random) : groupQuery(random);
      long start = System.nanoTime();
      List<String> expected = oracleRows(query);
      long middle = System.nanoTime();
      List<String> actual = sluiceRows(query);
      oracleNanos += middle - start;
      sluiceNanos += System.nanoTime() - middle;
      assertEquals(expected, actual, query);
      withRows += expected.isEmpty() ? 0 : 1;
    }
    System.out.printf("CalciteOracleTest: %d queries, %d with rows; Calcite %d ms, Sluice %d ms%n",
        QUERIES, withRows, oracleNanos / 1_000_000, sluiceNanos / 1_000_000);
    // Empty results on both sides would prove little: most queries must return rows.
    assertTrue(withRows > QUERIES / 2, withRows + " of " + QUERIES + " queries returned rows");
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String selectQuery(Random random) {
    return "select " + pick(random, EXPRESSIONS) + ", " + pick(random, EXPRESSIONS) + " from t where "
        + pick(random, PREDICATES);
  }

  private static String groupQuery(Random random) {
    String keys = pick(random, GROUP_KEYS);
    String having = random.nextInt(3) == 0 ? " having count(*) > 3" : "";
    return "select " + keys + ", " + pick(random, AGGREGATES) + ", " + pick(random, AGGREGATES) + " from t"
        + (random.nextBoolean() ? " where " + pick(random, PREDICATES) : "") + " group by " + keys + having;
  }

  private static List<String> sluiceRows(String query) {
    List<String> rows = new ArrayList<>();
    for (Row row : sql.sql(query).collect()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(normalize(row.get(i)));
      }
      rows.add(values.toString());
    }
    rows.sort(null);
    return rows;
  }

  private static List<String> oracleRows(String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement statement = oracle.createStatement(); ResultSet result = statement.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(normalize(result.getObject(i)));
        }
        rows.add(values.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  /** Numbers compared by value whatever their Java type (the JDBC side may widen them). */
  private static String normalize(Object value) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
    return String.valueOf(value);
  }
}
