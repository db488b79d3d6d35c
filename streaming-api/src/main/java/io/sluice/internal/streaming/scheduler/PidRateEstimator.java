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
 * delays the next ones and the rate never settles; 1.0 gives Spark's controller. One instance per
 * stream; not thread-safe (the listener thread calls it).
 */
final class PidRateEstimator {
  static final double PROPORTIONAL = 1.0;
  static final double INTEGRAL = 0.2;
  static final double DERIVATIVE = 0.0;
  static final double MIN_RATE = 100.0;

  private final long batchIntervalMs;
  private final double targetUtilization;
  private boolean firstRun = true;
  private long latestTime = -1;
  private double latestRate = -1;
  private double latestError = -1;

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
    double processingRate = numRecords / (double) processingDelayMs * 1000;
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
}
