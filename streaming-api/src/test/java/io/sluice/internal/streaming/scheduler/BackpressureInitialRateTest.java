package io.sluice.internal.streaming.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.internal.streaming.receiver.ReceiverControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With backpressure, a receiver starts limited to the initial rate (capped by maxRate) until the first estimate. */
class BackpressureInitialRateTest {
  private static List<Long> ratesGivenTo(long maxRate, long initialRate) {
    List<Long> rates = new ArrayList<>();
    try (SluiceContext sc = new SluiceContext(new SluiceConf(false).setMaster("local[2]").setAppName("bp")
        .set("sluice.ui.enabled", "false"))) {
      ReceiverTracker tracker = new ReceiverTracker(sc, new StreamingListenerBus(), List.of(), null);
      tracker.rateController(1000, maxRate, initialRate, 1.0);
      tracker.start();
      tracker.registerReceiver(0, "r", "driver", new ReceiverControl() {
        @Override
        public void stop(String reason) {}

        @Override
        public void updateRate(long recordsPerSecond) {
          rates.add(recordsPerSecond);
        }
      });
      tracker.stop();
      tracker.closeLog();
    }
    return rates;
  }

  @Test
  void receiversStartAtTheInitialRate() {
    assertEquals(List.of(250L), ratesGivenTo(0, 250));
  }

  @Test
  void theInitialRateNeverExceedsMaxRate() {
    assertEquals(List.of(100L), ratesGivenTo(100, 250));
  }

  @Test
  void noInitialRateMeansNoLimitAtStart() {
    assertEquals(List.of(), ratesGivenTo(0, 0));
  }
}
