package io.sluice.internal.streaming.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PidRateEstimatorTest {
  @Test
  void firstBatchOnlyCalibrates() {
    PidRateEstimator pid = new PidRateEstimator(1000, 1.0);
    assertTrue(pid.compute(1000, 1000, 500, 0).isEmpty());
  }

  @Test
  void rateFollowsTheProcessingRate() {
    PidRateEstimator pid = new PidRateEstimator(1000, 1.0);
    pid.compute(1000, 1000, 500, 0); // processed at 2000/s
    OptionalDouble next = pid.compute(2000, 1000, 1000, 0); // now only 1000/s
    assertEquals(1000.0, next.orElseThrow(), 1e-9);
  }

  /** Below 1, the rate settles at that share of what batches process: the interval keeps headroom. */
  @Test
  void aTargetUtilizationKeepsTheRateBelowTheProcessingRate() {
    PidRateEstimator pid = new PidRateEstimator(1000, 0.9);
    pid.compute(1000, 2000, 1000, 0); // 2000/s
    assertEquals(1800.0, pid.compute(2000, 1800, 900, 0).orElseThrow(), 1e-9); // still 2000/s
    assertEquals(1800.0, pid.compute(3000, 1800, 900, 0).orElseThrow(), 1e-9); // batches take 90% of 1 s
  }

  /** Batches of the same work vary: a swing within RATE_STEP moves the rate half as far. */
  @Test
  void aSmallSwingInTheProcessingRateIsAveragedALargeOneFollowed() {
    PidRateEstimator pid = new PidRateEstimator(1000, 1.0);
    pid.compute(1000, 1000, 1000, 0); // 1000/s
    assertEquals(1100.0, pid.compute(2000, 1000, 833, 0).orElseThrow(), 1.0); // measured 1200/s: averaged
    assertEquals(3000.0, pid.compute(3000, 3000, 1000, 0).orElseThrow(), 1e-9); // measured 3000/s: a real change
  }

  @Test
  void schedulingDelayPushesTheRateBelowTheProcessingRate() {
    PidRateEstimator pid = new PidRateEstimator(1000, 1.0);
    pid.compute(1000, 1000, 1000, 0);
    double withBacklog = pid.compute(2000, 1000, 1000, 500).orElseThrow();
    assertEquals(1000 - 0.2 * 500 * 1000 / 1000.0, withBacklog, 1e-9);
  }

  @Test
  void neverBelowTheMinimumRate() {
    PidRateEstimator pid = new PidRateEstimator(1000, 1.0);
    pid.compute(1000, 100_000, 100, 0);
    assertEquals(PidRateEstimator.MIN_RATE, pid.compute(2000, 10, 10_000, 50_000).orElseThrow(), 1e-9);
  }

  @Test
  void ignoresEmptyOrOutOfOrderBatches() {
    PidRateEstimator pid = new PidRateEstimator(1000, 1.0);
    pid.compute(2000, 1000, 500, 0);
    assertTrue(pid.compute(3000, 0, 500, 0).isEmpty());
    assertTrue(pid.compute(1000, 1000, 500, 0).isEmpty());
  }
}
