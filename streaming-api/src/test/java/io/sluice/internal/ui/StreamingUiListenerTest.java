package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.internal.util.ManualClock;
import io.sluice.streaming.Time;
import io.sluice.streaming.scheduler.BatchInfo;
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
}
