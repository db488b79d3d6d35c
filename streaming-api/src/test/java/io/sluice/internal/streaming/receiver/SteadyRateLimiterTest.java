package io.sluice.internal.streaming.receiver;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SteadyRateLimiterTest {
  @Test
  void holdsTheRate() {
    SteadyRateLimiter limiter = new SteadyRateLimiter(10_000);
    long ms = timeMs(() -> acquire(limiter, 3000));
    // 3000 at 10,000/s: 300 ms, less the 10 ms (100 permits) of catch-up a run may start with.
    assertTrue(ms >= 250, "3000 permits at 10,000/s took only " + ms + " ms");
    assertTrue(ms < 3000, "3000 permits at 10,000/s took " + ms + " ms");
  }

  /** Guava's RateLimiter would hand out the 400 ms of unused permits at once after the pause. */
  @Test
  void waitingEarnsNoBurst() throws InterruptedException {
    SteadyRateLimiter limiter = new SteadyRateLimiter(10_000);
    acquire(limiter, 10);
    Thread.sleep(400);
    long ms = timeMs(() -> acquire(limiter, 2000));
    assertTrue(ms >= 150, "2000 permits at 10,000/s right after a pause took only " + ms + " ms");
  }

  @Test
  void setRateAppliesFromNowOn() {
    SteadyRateLimiter limiter = new SteadyRateLimiter(1);
    limiter.setRate(100_000);
    long ms = timeMs(() -> acquire(limiter, 5000));
    assertTrue(ms >= 30 && ms < 2000, "5000 permits at 100,000/s took " + ms + " ms");
    assertThrows(IllegalArgumentException.class, () -> limiter.setRate(0));
    assertThrows(IllegalArgumentException.class, () -> new SteadyRateLimiter(Double.NaN));
  }

  private static void acquire(SteadyRateLimiter limiter, int permits) {
    for (int i = 0; i < permits; i++) {
      limiter.acquire();
    }
  }

  private static long timeMs(Runnable body) {
    long start = System.nanoTime();
    body.run();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
