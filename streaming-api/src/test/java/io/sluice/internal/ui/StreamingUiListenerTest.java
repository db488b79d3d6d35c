package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.internal.util.ManualClock;
import io.sluice.streaming.Time;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamingUiListenerTest {

  private static BatchInfo batch(long time, long records, boolean done) {
    return new BatchInfo(new Time(time), Map.of(0, records), time, Optional.of(time + 5),
        done ? Optional.of(time + 25) : Optional.empty());
  }

  @Test
  void keepsTheLastCompletedBatchesAndEveryUnfinishedOne() {
    StreamingUiListener listener = new StreamingUiListener(1000, Map.of(0, "in-0"), new ManualClock(), 2);
    for (long t = 1000; t <= 3000; t += 1000) {
      listener.onBatchSubmitted(batch(t, t / 1000, false));
      listener.onBatchStarted(batch(t, t / 1000, false));
      listener.onBatchCompleted(batch(t, t / 1000, true));
    }
    listener.onBatchSubmitted(batch(4000, 7, false));

    StreamingSnapshot s = listener.snapshot();
    assertEquals(java.util.List.of(4000L, 3000L, 2000L), s.batches().stream().map(BatchRow::batchTime).toList());
    assertEquals(BatchRow.Status.QUEUED, s.batches().get(0).status());
    assertEquals(3, s.totalCompletedBatches());
    assertEquals(6, s.totalReceivedRecords(), "counts every completed batch, retained or not");
    assertEquals(Optional.of(2.5), s.avgInputRate(), "(2 + 3) records over 2 retained seconds");
    assertEquals(Optional.of(5.0), s.avgSchedulingDelayMs());
    assertEquals(Optional.of(20.0), s.avgProcessingTimeMs());
    assertEquals(Optional.of(25.0), s.avgTotalDelayMs());
    assertEquals(0, s.activeReceivers());
    assertEquals("in-0", s.receivers().get(0).info().name());
  }

  private static OutputOperationInfo op(long time, int id, boolean done, String failure) {
    return new OutputOperationInfo(new Time(time), id, "op-" + id, Optional.of(time + 5),
        done ? Optional.of(time + 20) : Optional.empty(), Optional.ofNullable(failure));
  }

  @Test
  void keepsTheOutputOperationsOfRetainedBatchesOnly() {
    StreamingUiListener listener = new StreamingUiListener(1000, Map.of(), new ManualClock(), 2);
    for (long t = 1000; t <= 4000; t += 1000) {
      listener.onBatchSubmitted(batch(t, 1, false));
      listener.onBatchStarted(batch(t, 1, false));
      listener.onOutputOperationStarted(op(t, 1, false, null));
      listener.onOutputOperationStarted(op(t, 0, false, null));
      listener.onOutputOperationCompleted(op(t, 0, true, null));
      listener.onOutputOperationCompleted(op(t, 1, true, t == 4000 ? "boom <script>" : null));
      listener.onBatchCompleted(batch(t, 1, true));
    }
    // An operation of a batch the UI never saw (or already dropped) is not kept either.
    listener.onOutputOperationCompleted(op(500, 0, true, null));

    assertEquals(Optional.empty(), listener.batch(1000), "dropped with its batch");
    assertEquals(Optional.empty(), listener.batch(2000), "dropped with its batch");
    assertEquals(Optional.empty(), listener.batch(500));
    BatchDetail newest = listener.batch(4000).orElseThrow();
    assertEquals(List.of(0, 1), newest.operations().stream().map(OutputOperationInfo::id).toList(), "in id order");
    assertEquals(Optional.of(15L), newest.operations().get(0).duration(), "the completed event replaced the started one");
    assertEquals(Optional.of("boom <script>"), newest.operations().get(1).failureReason());
    assertEquals(1, newest.row().failedOutputOps());
    assertEquals(2, listener.batch(3000).orElseThrow().operations().size());
  }

  @Test
  void anUnfinishedBatchShowsItsRunningOperation() {
    StreamingUiListener listener = new StreamingUiListener(1000, Map.of(), new ManualClock(), 1);
    listener.onBatchSubmitted(batch(1000, 1, false));
    listener.onBatchStarted(batch(1000, 1, false));
    listener.onOutputOperationStarted(op(1000, 0, false, null));
    BatchDetail running = listener.batch(1000).orElseThrow();
    assertEquals(BatchRow.Status.PROCESSING, running.row().status());
    assertEquals("running", BatchPage.status(running.operations().get(0)));
  }
}
