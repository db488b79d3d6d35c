package io.sluice.internal.sql;

import io.sluice.sql.SqlType;
import java.io.Serializable;
import java.util.List;
import org.apache.calcite.rel.core.AggregateCall;

/**
 * One aggregate of a GROUP BY, computed in two steps so that rows are combined where they are
 * (map side) before the shuffle: each row becomes a partial state, states merge, the final state
 * becomes the value. States are immutable values (a merge returns a new one).
 */
interface AggFn extends Serializable {
  /** The state of no rows: what a group, or a whole table without GROUP BY, starts from. */
  Object empty();

  Object of(Object[] row);

  Object merge(Object a, Object b);

  Object finish(Object state);

  /** The function for {@code call}, or an error naming what Sluice does not run. */
  static AggFn of(AggregateCall call) {
    if (call.isDistinct()) {
      throw new UnsupportedSqlException("the aggregate " + call + " (DISTINCT)");
    }
    if (call.filterArg >= 0) {
      throw new UnsupportedSqlException("the aggregate " + call + " (FILTER)");
    }
    List<Integer> args = call.getArgList();
    int arg = args.isEmpty() ? -1 : args.get(0);
    SqlType result = SqlTypes.of(call.getType());
    return switch (call.getAggregation().getKind()) {
      case COUNT -> new Count(arg);
      case SUM -> new Sum(arg, result, false);
      case SUM0 -> new Sum(arg, result, true);
      case MIN -> new Extreme(arg, result, -1);
      case MAX -> new Extreme(arg, result, 1);
      case AVG -> new Avg(arg, result);
      // What Calcite's decorrelator puts under EXISTS: a constant for every group.
      case LITERAL_AGG -> new Constant(ExprCompiler.literalValue((org.apache.calcite.rex.RexLiteral) call.rexList.get(0)));
      default -> throw new UnsupportedSqlException("the aggregate function " + call.getAggregation().getName());
    };
  }

  /** LITERAL_AGG(value): {@code value}, whatever the rows. */
  record Constant(Object value) implements AggFn {
    public Object empty() {
      return null;
    }

    public Object of(Object[] row) {
      return null;
    }

    public Object merge(Object a, Object b) {
      return null;
    }

    public Object finish(Object state) {
      return value;
    }
  }

  /** COUNT(*) (arg -1) or COUNT(x): rows, or rows where x is not NULL. */
  record Count(int arg) implements AggFn {
    public Object empty() {
      return 0L;
    }

    public Object of(Object[] row) {
      return arg < 0 || row[arg] != null ? 1L : 0L;
    }

    public Object merge(Object a, Object b) {
      return (Long) a + (Long) b;
    }

    public Object finish(Object state) {
      return state;
    }
  }

  /** SUM(x): NULL over no non-NULL values, unless SUM0 (what Calcite uses for COUNT-like sums). */
  record Sum(int arg, SqlType result, boolean zeroWhenEmpty) implements AggFn {
    public Object empty() {
      return null;
    }

    public Object of(Object[] row) {
      return row[arg];
    }

    public Object merge(Object a, Object b) {
      return a == null ? b : b == null ? a : Values.arithmetic('+', (Number) a, (Number) b);
    }

    public Object finish(Object state) {
      return state == null && zeroWhenEmpty ? Values.coerce(0L, result) : Values.coerce(state, result);
    }
  }

  /** MIN (sign -1) or MAX (sign 1), ignoring NULLs. */
  record Extreme(int arg, SqlType result, int sign) implements AggFn {
    public Object empty() {
      return null;
    }

    public Object of(Object[] row) {
      return row[arg];
    }

    public Object merge(Object a, Object b) {
      return a == null ? b : b == null ? a : Values.compare(a, b) * sign >= 0 ? a : b;
    }

    public Object finish(Object state) {
      return Values.coerce(state, result);
    }
  }

  /** AVG(x) over the non-NULL values; of integers an integer, truncated, as Calcite's. */
  record Avg(int arg, SqlType result) implements AggFn {
    public Object empty() {
      return new Object[] {null, 0L};
    }

    public Object of(Object[] row) {
      return new Object[] {row[arg], row[arg] == null ? 0L : 1L};
    }

    public Object merge(Object a, Object b) {
      Object[] x = (Object[]) a;
      Object[] y = (Object[]) b;
      Object sum = x[0] == null ? y[0] : y[0] == null ? x[0] : Values.arithmetic('+', (Number) x[0], (Number) y[0]);
      return new Object[] {sum, (Long) x[1] + (Long) y[1]};
    }

    public Object finish(Object state) {
      Object[] s = (Object[]) state;
      long count = (Long) s[1];
      if (count == 0) {
        return null;
      }
      Number sum = (Number) s[0];
      return result == SqlType.DOUBLE ? (Object) (sum.doubleValue() / count)
          : Values.coerce(sum.longValue() / count, result);
    }
  }
}
