package io.sluice.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecentFailuresTest {
  @Test
  void countsOnlyFailuresWithinTheWindow() {
    RecentFailures failures = new RecentFailures(1000);
    assertEquals(1, failures.record(0));
    assertEquals(2, failures.record(500));
    assertEquals(3, failures.record(999));
    // The failure at 0 has left the window ending at 1000; the one at 500 is still in it.
    assertEquals(3, failures.record(1000));
    // A long quiet spell forgives everything before it.
    assertEquals(1, failures.record(10_000));
  }
}
