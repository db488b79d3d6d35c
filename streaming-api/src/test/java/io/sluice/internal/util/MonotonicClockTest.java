package io.sluice.internal.util;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MonotonicClockTest {
  private final MonotonicClock clock = new MonotonicClock();

  @Test
  void waitsUntilTheTargetOnTheMonotonicScale() throws InterruptedException {
    long start = clock.currentTimeMillis();
    long reached = clock.waitTillTime(start + 30);
    assertTrue(reached >= start + 30, "woke at " + reached + ", target " + (start + 30));
    assertTrue(clock.currentTimeMillis() >= reached, "never goes back");
  }

  @Test
  void anInterruptEndsTheWait() {
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> clock.waitTillTime(clock.currentTimeMillis() + 60_000));
  }
}
