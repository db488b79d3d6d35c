package io.sluice.internal.streaming.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.streaming.Time;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Backpressure reaches streams without a receiver (Kafka direct) through InputSource.updateRate. */
class ReceiverlessBackpressureTest {
  /** A receiver-less input that records the rates it is given. */
  private static final class DirectInput implements InputSource {
    final List<Long> rates = new ArrayList<>();

    @Override
    public int inputId() {
      return 7;
    }

    @Override
    public String name() {
      return "direct";
    }

    @Override
    public void updateRate(long recordsPerSecond) {
      rates.add(recordsPerSecond);
    }
  }

  private static BatchInfo batch(long time, long records, long processingMs) {
    return new BatchInfo(new Time(time), Map.of(7, records), time, Optional.of(time), Optional.of(time + processingMs));
  }

  @Test
  void theProcessingRateEstimateGoesToTheStreamUncappedByTheReceiverMaxRate() {
    DirectInput input = new DirectInput();
    try (SluiceContext sc = new SluiceContext(new SluiceConf(false).setMaster("local[2]").setAppName("bp")
        .set("sluice.ui.enabled", "false"))) {
      ReceiverTracker tracker = new ReceiverTracker(sc, new StreamingListenerBus(), List.of(input), null);
      StreamingListener controller = tracker.rateController(1000, 50, 0, 1.0);
      controller.onBatchCompleted(batch(1000, 4000, 500)); // learns 8000 records/s; no estimate yet
      controller.onBatchCompleted(batch(2000, 4000, 1000)); // processing slowed down to 4000 records/s
      tracker.closeLog();
    }
    assertEquals(1, input.rates.size(), "one estimate after the second batch: " + input.rates);
    long rate = input.rates.get(0);
    assertTrue(rate > 50 && rate < 8000, "lowered towards the processing rate, not capped at 50: " + rate);
  }
}
