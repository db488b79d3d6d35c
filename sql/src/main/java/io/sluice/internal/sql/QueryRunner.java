package io.sluice.internal.sql;

import io.sluice.core.RDD;
import java.util.Map;

/** Runs a planned query on the rows of its tables, as RDD operations. */
public final class QueryRunner {
  private QueryRunner() {}

  /** The query's result rows ({@code Object[]}, columns in the plan's order). */
  public static RDD<Object[]> run(QueryPlanner.Plan plan, Map<String, RDD<Object[]>> tablesByUpperCaseName) {
    return run(plan, tablesByUpperCaseName, null);
  }

  /** A stream query's result rows for the batch (or window) of time {@code batchTime} (epoch ms). */
  public static RDD<Object[]> run(QueryPlanner.Plan plan, Map<String, RDD<Object[]>> tablesByUpperCaseName,
      Long batchTime) {
    return new RelToRdd(tablesByUpperCaseName, new ExprCompiler(plan.root().getCluster().getRexBuilder()), batchTime)
        .translate(plan.root());
  }

  /** The upper-case names of the tables the plan reads. */
  public static java.util.Set<String> tablesRead(QueryPlanner.Plan plan) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    new org.apache.calcite.rel.RelVisitor() {
      @Override
      public void visit(org.apache.calcite.rel.RelNode node, int ordinal, org.apache.calcite.rel.RelNode parent) {
        if (node instanceof org.apache.calcite.rel.core.TableScan scan) {
          java.util.List<String> name = scan.getTable().getQualifiedName();
          names.add(name.get(name.size() - 1).toUpperCase(java.util.Locale.ROOT));
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan.root());
    return names;
  }
}
