package io.sluice.internal.sql;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rex.RexLiteral;

/**
 * Turns an optimized logical plan into RDD operations, bottom up: a scan is the registered table's
 * RDD of rows ({@code Object[]}), a filter and a projection map each row, an aggregate combines
 * rows map side and shuffles the partial states by group, a join shuffles both sides by the join
 * keys, a sort with a limit keeps each partition's top rows before merging them in one partition.
 * Nothing is collected to the driver. A plan node it does not know fails with its name.
 */
@SuppressWarnings("serial") // its serializable lambdas call helpers of internal classes: nothing to hide
final class RelToRdd {
  private final Map<String, RDD<Object[]>> tables;
  private final ExprCompiler compiler;
  /** The batch (window) time of the stream query being run, or null for a query over RDD tables. */
  private final Long batchTime;

  /** @param tables the registered tables' rows, by upper-case name */
  RelToRdd(Map<String, RDD<Object[]>> tables, ExprCompiler compiler, Long batchTime) {
    this.tables = tables;
    this.compiler = compiler;
    this.batchTime = batchTime;
  }

  RDD<Object[]> translate(RelNode node) {
    if (node instanceof TableScan scan) {
      List<String> name = scan.getTable().getQualifiedName();
      RDD<Object[]> rows = tables.get(name.get(name.size() - 1).toUpperCase(java.util.Locale.ROOT));
      if (rows == null) {
        throw new UnsupportedSqlException("the table " + name);
      }
      return rows;
    }
    if (node instanceof LogicalFilter filter) {
      Expr condition = compiler.compile(filter.getCondition());
      return translate(filter.getInput()).filter(row -> Boolean.TRUE.equals(condition.eval(row)));
    }
    if (node instanceof LogicalProject project) {
      Expr[] exprs = project.getProjects().stream().map(compiler::compile).toArray(Expr[]::new);
      return translate(project.getInput()).map(row -> {
        Object[] out = new Object[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
          out[i] = exprs[i].eval(row);
        }
        return out;
      });
    }
    if (node instanceof LogicalAggregate aggregate) {
      return aggregate(aggregate);
    }
    if (node instanceof LogicalSort sort) {
      return sort(sort);
    }
    if (node instanceof LogicalUnion union) {
      RDD<Object[]> all = null;
      for (RelNode input : union.getInputs()) {
        RDD<Object[]> rows = translate(input);
        all = all == null ? rows : all.union(rows);
      }
      return union.all ? all : all.map(RelToRdd::asList).distinct().map(List::toArray);
    }
    if (node instanceof LogicalJoin join) {
      return join(join);
    }
    if (node instanceof TableFunctionScan window) {
      return window(window);
    }
    throw new UnsupportedSqlException("the plan step " + node.getRelTypeName() + " (" + node.explain().strip() + ")");
  }

  /** TUMBLE/HOP: the rows of the window the stream query runs on, with its start and end appended. */
  private RDD<Object[]> window(TableFunctionScan scan) {
    BatchWindow window = BatchWindow.of(scan);
    if (batchTime == null) {
      throw new UnsupportedSqlException("a window table function over RDD tables (windows are over a stream's"
          + " batches: query a registered stream with sqlStream)");
    }
    Long end = batchTime;
    Long start = end - window.sizeMillis();
    return translate(scan.getInputs().get(0)).map(row -> {
      Object[] out = Arrays.copyOf(row, row.length + 2);
      out[row.length] = start;
      out[row.length + 1] = end;
      return out;
    });
  }

  /** The values of columns {@code keys} of {@code row}: a group or join key (a list, so it compares by value). */
  private static ArrayList<Object> keyOf(Object[] row, int[] keys) {
    ArrayList<Object> key = new ArrayList<>(keys.length);
    for (int k : keys) {
      key.add(row[k]);
    }
    return key;
  }

  private static ArrayList<Object> asList(Object[] row) {
    return new ArrayList<>(Arrays.asList(row));
  }

  // ---------------------------------------------------------------- GROUP BY

  private RDD<Object[]> aggregate(LogicalAggregate aggregate) {
    if (aggregate.getGroupSets().size() != 1) {
      throw new UnsupportedSqlException("GROUPING SETS, ROLLUP and CUBE");
    }
    int[] keys = aggregate.getGroupSet().toArray();
    AggFn[] fns = aggregate.getAggCallList().stream().map(AggFn::of).toArray(AggFn[]::new);
    RDD<Object[]> input = translate(aggregate.getInput());
    PairRDD<ArrayList<Object>, Object[]> partials = input.mapToPair(row -> {
      ArrayList<Object> key = keyOf(row, keys);
      Object[] states = new Object[fns.length];
      for (int i = 0; i < fns.length; i++) {
        states[i] = fns[i].of(row);
      }
      return new Tuple2<>(key, states);
    });
    if (keys.length == 0) {
      // Without GROUP BY the answer is one row even for no input (COUNT(*) = 0): start from the empty states.
      Object[] empty = new Object[fns.length];
      for (int i = 0; i < fns.length; i++) {
        empty[i] = fns[i].empty();
      }
      List<Tuple2<ArrayList<Object>, Object[]>> seed = List.of(new Tuple2<>(new ArrayList<>(), empty));
      partials = input.context().parallelizePairs(seed, 1).union(partials);
    }
    return partials.reduceByKey((a, b) -> {
      Object[] merged = new Object[fns.length];
      for (int i = 0; i < fns.length; i++) {
        merged[i] = fns[i].merge(a[i], b[i]);
      }
      return merged;
    }).map(group -> {
      Object[] out = new Object[keys.length + fns.length];
      for (int i = 0; i < keys.length; i++) {
        out[i] = group._1().get(i);
      }
      for (int i = 0; i < fns.length; i++) {
        out[keys.length + i] = fns[i].finish(group._2()[i]);
      }
      return out;
    });
  }

  // ---------------------------------------------------------------- ORDER BY, LIMIT, OFFSET

  private RDD<Object[]> sort(LogicalSort sort) {
    RowOrder order = RowOrder.of(sort.getCollation().getFieldCollations());
    long offset = sort.offset == null ? 0 : RexLiteral.intValue(sort.offset);
    long fetch = sort.fetch == null ? -1 : RexLiteral.intValue(sort.fetch);
    RDD<Object[]> input = translate(sort.getInput());
    if (fetch >= 0) {
      // Each partition keeps only the rows that could make the first offset + fetch.
      long keep = offset + fetch;
      input = input.mapPartitions(rows -> first(rows, order, keep).iterator());
    }
    long take = fetch;
    return input.coalesce(1).mapPartitions(rows -> {
      List<Object[]> sorted = first(rows, order, take < 0 ? Long.MAX_VALUE : offset + take);
      return sorted.subList((int) Math.min(offset, sorted.size()), sorted.size()).iterator();
    });
  }

  private static List<Object[]> first(Iterator<Object[]> rows, Comparator<Object[]> order, long n) {
    List<Object[]> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    all.sort(order); // stable: rows equal in the ORDER BY keep their order
    return n < all.size() ? new ArrayList<>(all.subList(0, (int) n)) : all;
  }

  /** A row comparator for an ORDER BY, serializable for the tasks that sort. */
  record RowOrder(int[] fields, boolean[] descending, boolean[] nullsFirst)
      implements Comparator<Object[]>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static RowOrder of(List<RelFieldCollation> collations) {
      int n = collations.size();
      int[] fields = new int[n];
      boolean[] descending = new boolean[n];
      boolean[] nullsFirst = new boolean[n];
      for (int i = 0; i < n; i++) {
        RelFieldCollation c = collations.get(i);
        fields[i] = c.getFieldIndex();
        descending[i] = c.direction.isDescending();
        nullsFirst[i] = c.nullDirection == RelFieldCollation.NullDirection.FIRST
            || (c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED && descending[i]);
      }
      return new RowOrder(fields, descending, nullsFirst);
    }

    @Override
    public int compare(Object[] a, Object[] b) {
      for (int i = 0; i < fields.length; i++) {
        Object x = a[fields[i]];
        Object y = b[fields[i]];
        int c;
        if (x == null || y == null) {
          c = x == y ? 0 : (x == null) == nullsFirst[i] ? -1 : 1;
        } else {
          c = descending[i] ? Values.compare(y, x) : Values.compare(x, y);
        }
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
  }

  // ---------------------------------------------------------------- JOIN

  private RDD<Object[]> join(LogicalJoin join) {
    JoinInfo info = join.analyzeCondition();
    JoinRelType type = join.getJoinType();
    if (info.leftKeys.isEmpty()) {
      return nestedLoopJoin(join);
    }
    if (!info.isEqui() && type != JoinRelType.INNER) {
      throw new UnsupportedSqlException("an outer join on more than equalities (" + join.getCondition() + ")");
    }
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int rightWidth = join.getRight().getRowType().getFieldCount();
    boolean[] nullsMatch = new boolean[info.leftKeys.size()];
    for (int i = 0; i < nullsMatch.length; i++) {
      nullsMatch[i] = !info.nullExclusionFlags.get(i); // IS NOT DISTINCT FROM, e.g. Calcite's own rewrites
    }
    PairRDD<Object, Object[]> left = keyed(translate(join.getLeft()), info.leftKeys.toIntArray(), nullsMatch);
    PairRDD<Object, Object[]> right = keyed(translate(join.getRight()), info.rightKeys.toIntArray(), nullsMatch);
    RDD<Object[]> joined = switch (type) {
      case INNER -> left.join(right).map(p -> concat(p._2()._1(), p._2()._2(), leftWidth, rightWidth));
      case LEFT -> left.leftOuterJoin(right)
          .map(p -> concat(p._2()._1(), p._2()._2().orElse(null), leftWidth, rightWidth));
      case RIGHT -> left.rightOuterJoin(right)
          .map(p -> concat(p._2()._1().orElse(null), p._2()._2(), leftWidth, rightWidth));
      case FULL -> left.fullOuterJoin(right)
          .map(p -> concat(p._2()._1().orElse(null), p._2()._2().orElse(null), leftWidth, rightWidth));
      default -> throw new UnsupportedSqlException("the join type " + type);
    };
    if (!info.isEqui()) {
      // The whole condition again (its equalities hold already on the joined rows): JoinInfo's
      // getRemaining is deprecated, and re-checking an equality costs little.
      Expr rest = compiler.compile(join.getCondition());
      joined = joined.filter(row -> Boolean.TRUE.equals(rest.eval(row)));
    }
    return joined;
  }

  /**
   * A join with no equality between its sides (what a decorrelated scalar subquery becomes: every
   * row against the subquery's one row): every pair is tested in one task, so it suits a small side.
   */
  private RDD<Object[]> nestedLoopJoin(LogicalJoin join) {
    JoinRelType type = join.getJoinType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT) {
      throw new UnsupportedSqlException("a " + type + " join without an equality between its two sides ("
          + join.getCondition() + ")");
    }
    boolean keepUnmatched = type == JoinRelType.LEFT;
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int rightWidth = join.getRight().getRowType().getFieldCount();
    Expr condition = compiler.compile(join.getCondition());
    PairRDD<Integer, Object[]> left = translate(join.getLeft()).mapToPair(row -> new Tuple2<>(0, row));
    PairRDD<Integer, Object[]> right = translate(join.getRight()).mapToPair(row -> new Tuple2<>(0, row));
    return left.cogroup(right, 1).flatMap(group -> {
      List<Object[]> rights = new ArrayList<>();
      group._2()._2().forEach(rights::add);
      List<Object[]> out = new ArrayList<>();
      for (Object[] l : group._2()._1()) {
        boolean matched = false;
        for (Object[] r : rights) {
          Object[] pair = concat(l, r, leftWidth, rightWidth);
          if (Boolean.TRUE.equals(condition.eval(pair))) {
            out.add(pair);
            matched = true;
          }
        }
        if (!matched && keepUnmatched) {
          out.add(concat(l, null, leftWidth, rightWidth));
        }
      }
      return out.iterator();
    });
  }

  /**
   * Rows by their join key. A key with a NULL matches nothing (SQL's NULL = NULL is not TRUE),
   * except in the columns compared with IS NOT DISTINCT FROM ({@code nullsMatch}).
   */
  private static PairRDD<Object, Object[]> keyed(RDD<Object[]> rows, int[] keys, boolean[] nullsMatch) {
    return rows.mapToPair(row -> {
      ArrayList<Object> key = keyOf(row, keys);
      for (int i = 0; i < keys.length; i++) {
        if (key.get(i) == null && !nullsMatch[i]) {
          return new Tuple2<>(new Unmatchable(), row);
        }
      }
      return new Tuple2<>(key, row);
    });
  }

  /** A join key equal to no other, for rows whose key has a NULL. */
  static final class Unmatchable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  private static Object[] concat(Object[] left, Object[] right, int leftWidth, int rightWidth) {
    Object[] out = new Object[leftWidth + rightWidth];
    if (left != null) {
      System.arraycopy(left, 0, out, 0, leftWidth);
    }
    if (right != null) {
      System.arraycopy(right, 0, out, leftWidth, rightWidth);
    }
    return out;
  }

}
