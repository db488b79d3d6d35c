package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import io.sluice.internal.streaming.dstream.InputSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backpressure (sluice.streaming.backpressure.enabled): after each batch, estimates how fast each
 * input stream is processed and limits it to that rate: a receiver stores no faster, and a
 * receiver-less stream (Kafka direct) sizes its next batches by it, so the backlog does not grow
 * when data arrives faster than it is processed. Never raises a receiver's rate above
 * sluice.streaming.receiver.maxRate. Runs on the listener thread.
 */
public final class RateController implements StreamingListener {
  private static final Logger log = LoggerFactory.getLogger(RateController.class);
  /**
   * Until the first estimate, without sluice.streaming.backpressure.initialRate, a receiver's blocks
   * (each one partition of a batch) hold at most this many records, as a Kafka direct stream's
   * partitions do: a source with a backlog cannot put seconds of work into the first batch, which
   * runs on cold code; the estimate after it raises the rate to what batches process.
   */
  static final long RECORDS_PER_BLOCK_BEFORE_FIRST_ESTIMATE = 10_000;

  private final ReceiverTracker receivers;
  private final Map<Integer, InputSource> receiverlessInputs;
  private final long batchIntervalMs;
  private final long maxRate;
  private final double targetUtilization;
  private final Map<Integer, PidRateEstimator> estimators = new HashMap<>();

  RateController(ReceiverTracker receivers, List<InputSource> receiverlessInputs, long batchIntervalMs, long maxRate,
                 double targetUtilization) {
    this.receivers = receivers;
    this.receiverlessInputs = new HashMap<>();
    receiverlessInputs.forEach(input -> this.receiverlessInputs.put(input.inputId(), input));
    this.batchIntervalMs = batchIntervalMs;
    this.maxRate = maxRate;
    this.targetUtilization = targetUtilization;
  }

  /** The records/s a receiver may store before the first estimate when no initial rate is set. */
  public static long defaultInitialRate(long blockIntervalMs) {
    return Math.max(1, RECORDS_PER_BLOCK_BEFORE_FIRST_ESTIMATE * 1000 / Math.max(1, blockIntervalMs));
  }

  @Override
  public void onBatchCompleted(BatchInfo batch) {
    long processing = batch.processingDelay().orElse(0L);
    long scheduling = batch.schedulingDelay().orElse(0L);
    batch.numRecordsByStream().forEach((streamId, records) -> {
      PidRateEstimator estimator = estimators.computeIfAbsent(streamId, id -> new PidRateEstimator(batchIntervalMs, targetUtilization));
      estimator.compute(batch.batchTime().milliseconds(), records, processing, scheduling).ifPresent(rate -> {
        InputSource receiverless = receiverlessInputs.get(streamId);
        if (receiverless != null) {
          log.debug("Backpressure: stream {} limited to {} records/s", streamId, (long) rate);
          receiverless.updateRate(Math.max(1, (long) rate));
          return;
        }
        long limit = maxRate > 0 ? Math.min(maxRate, (long) rate) : (long) rate;
        log.debug("Backpressure: stream {} limited to {} records/s", streamId, limit);
        receivers.updateRate(streamId, Math.max(1, limit));
      });
    });
  }
}
