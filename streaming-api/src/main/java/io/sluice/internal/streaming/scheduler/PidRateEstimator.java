package io.sluice.internal.streaming.scheduler;

import java.util.OptionalDouble;

/**
 * Estimates how many records per second a stream can take, from how the last batch went: a PID
 * controller whose error is the gap between the rate it allowed and the rate batches are
 * processed at, plus the backlog that scheduling delay reveals. The same controller and default
 * gains as Spark Streaming's backpressure, so tuned programs behave alike, with one difference:
 * it aims at a share of the processing rate (sluice.streaming.backpressure.targetUtilization,
 * default 0.9) rather than all of it. Aiming at all of it puts a stream at full speed exactly on
 * the edge, batches taking the whole interval, so every slower batch (a GC, a busy neighbour)
 * delays the next ones and the rate never settles; 1.0 aims at all of it, as Spark's does. A second
 * difference: it steers by a processing rate smoothed over batches (see {@link #smoothed}), so one
 * fast batch does not raise the rate past what the next, slower one can take. One instance per
 * stream; not thread-safe (the listener thread calls it).
 */
final class PidRateEstimator {
  static final double PROPORTIONAL = 1.0;
  static final double INTEGRAL = 0.2;
  static final double DERIVATIVE = 0.0;
  static final double MIN_RATE = 100.0;
  /** How far the processing rate must move from its smoothed value to count as a change, not noise. */
  static final double RATE_STEP = 0.4;

  private final long batchIntervalMs;
  private final double targetUtilization;
  private boolean firstRun = true;
  private long latestTime = -1;
  private double latestRate = -1;
  private double latestError = -1;
  private double smoothedProcessingRate = -1;

  /** @param targetUtilization the share of the batch interval processing should take, in (0, 1] */
  PidRateEstimator(long batchIntervalMs, double targetUtilization) {
    this.batchIntervalMs = batchIntervalMs;
    this.targetUtilization = targetUtilization;
  }

  /** The new rate after the batch at {@code time}, or empty when there is nothing to learn from it. */
  OptionalDouble compute(long time, long numRecords, long processingDelayMs, long schedulingDelayMs) {
    if (time <= latestTime || numRecords <= 0 || processingDelayMs <= 0) {
      return OptionalDouble.empty();
    }
    double secondsSinceUpdate = (time - latestTime) / 1000.0;
    double processingRate = smoothed(numRecords / (double) processingDelayMs * 1000);
    double targetRate = processingRate * targetUtilization;
    double error = latestRate - targetRate;
    // Records waiting because batches started late, spread over a batch interval.
    double historicalError = schedulingDelayMs * processingRate / batchIntervalMs;
    double dError = (error - latestError) / secondsSinceUpdate;
    double newRate = Math.max(latestRate - PROPORTIONAL * error - INTEGRAL * historicalError - DERIVATIVE * dError,
        MIN_RATE);
    latestTime = time;
    if (firstRun) {
      latestRate = targetRate;
      latestError = 0;
      firstRun = false;
      return OptionalDouble.empty();
    }
    latestRate = newRate;
    latestError = error;
    return OptionalDouble.of(newRate);
  }

  /**
   * The processing rate to steer by: a measurement within {@link #RATE_STEP} of the smoothed rate
   * so far is averaged with it, since batches of the same work vary by 20-30% on a busy machine and a
   * controller that follows each one swings the rate by as much; a larger change (the ramp after
   * start, a real slowdown) is taken at once.
   */
  private double smoothed(double measured) {
    boolean step = smoothedProcessingRate <= 0 || measured > smoothedProcessingRate * (1 + RATE_STEP)
        || measured < smoothedProcessingRate / (1 + RATE_STEP);
    smoothedProcessingRate = step ? measured : (smoothedProcessingRate + measured) / 2;
    return smoothedProcessingRate;
  }
}
