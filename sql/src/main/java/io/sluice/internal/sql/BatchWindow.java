package io.sluice.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * A stream query's window: Calcite's {@code TUMBLE} or {@code HOP} table function over a stream
 * table's {@code BATCH_TIME}, e.g.
 * {@code TABLE(HOP(TABLE words, DESCRIPTOR(batch_time), INTERVAL '10' SECOND, INTERVAL '30' SECOND))}.
 * Sluice runs it as {@code DStream.window(size, slide)}: every {@code slide} the query sees the
 * rows of the last {@code size} of batches, each row with {@code window_start = end - size} and
 * {@code window_end = end}, where {@code end} is the window's batch time. So windows end on batch
 * times (counted from the stream's start, as DStream windows are), not on multiples of the size
 * since the epoch as in Calcite's own engine; and size and slide must be multiples of the batch
 * interval, which {@code window} checks.
 */
public record BatchWindow(long sizeMillis, long slideMillis) {
  /** The column every stream table has: the time of the batch its row arrived in. */
  public static final String BATCH_TIME = "BATCH_TIME";

  /** The window of {@code plan}, or null for a query without one; an error for one Sluice cannot run. */
  public static BatchWindow of(RelNode plan) {
    List<TableFunctionScan> scans = new ArrayList<>();
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof TableFunctionScan scan) {
          scans.add(scan);
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    if (scans.isEmpty()) {
      return null;
    }
    if (scans.size() > 1) {
      throw new UnsupportedSqlException("more than one window table function in one query (" + scans.size() + ")");
    }
    return of(scans.get(0));
  }

  /** The window of one TUMBLE or HOP call, checked. */
  static BatchWindow of(TableFunctionScan scan) {
    RexCall call = (RexCall) scan.getCall();
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    List<RexNode> args = call.getOperands();
    int expected = switch (name) {
      case "TUMBLE" -> 2;
      case "HOP" -> 3;
      default -> throw new UnsupportedSqlException("the table function " + name + " (windows: TUMBLE and HOP)");
    };
    if (args.size() > expected) {
      throw new UnsupportedSqlException(name + " with an offset: windows end on batch times");
    }
    RexNode descriptor = ((RexCall) args.get(0)).getOperands().get(0);
    String column = descriptor instanceof RexInputRef ref
        ? scan.getInputs().get(0).getRowType().getFieldList().get(ref.getIndex()).getName() : descriptor.toString();
    if (!BATCH_TIME.equalsIgnoreCase(column)) {
      throw new UnsupportedSqlException(name + " over column " + column + ": windows are over batches, so the"
          + " descriptor is DESCRIPTOR(" + BATCH_TIME + ")");
    }
    long first = millis(args.get(1));
    return name.equals("TUMBLE") ? new BatchWindow(first, first) : new BatchWindow(millis(args.get(2)), first);
  }

  private static long millis(RexNode interval) {
    Long millis = ((RexLiteral) interval).getValueAs(Long.class);
    if (millis == null || millis <= 0) {
      throw new UnsupportedSqlException("a window of " + interval + " (sizes and slides are positive)");
    }
    return millis;
  }
}
