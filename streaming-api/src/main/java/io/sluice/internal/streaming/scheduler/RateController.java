package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backpressure (sluice.streaming.backpressure.enabled): after each batch, estimates how fast each
 * receiver-fed stream is processed and limits its receiver to that rate, so the backlog of blocks
 * does not grow when data arrives faster than it is processed. Never raises a rate above
 * sluice.streaming.receiver.maxRate. Runs on the listener thread.
 */
final class RateController implements StreamingListener {
  private static final Logger log = LoggerFactory.getLogger(RateController.class);

  private final ReceiverTracker receivers;
  private final long batchIntervalMs;
  private final long maxRate;
  private final Map<Integer, PidRateEstimator> estimators = new HashMap<>();

  RateController(ReceiverTracker receivers, long batchIntervalMs, long maxRate) {
    this.receivers = receivers;
    this.batchIntervalMs = batchIntervalMs;
    this.maxRate = maxRate;
  }

  @Override
  public void onBatchCompleted(BatchInfo batch) {
    long processing = batch.processingDelay().orElse(0L);
    long scheduling = batch.schedulingDelay().orElse(0L);
    batch.numRecordsByStream().forEach((streamId, records) -> {
      PidRateEstimator estimator = estimators.computeIfAbsent(streamId, id -> new PidRateEstimator(batchIntervalMs));
      estimator.compute(batch.batchTime().milliseconds(), records, processing, scheduling).ifPresent(rate -> {
        long limit = maxRate > 0 ? Math.min(maxRate, (long) rate) : (long) rate;
        log.debug("Backpressure: stream {} limited to {} records/s", streamId, limit);
        receivers.updateRate(streamId, Math.max(1, limit));
      });
    });
  }
}
