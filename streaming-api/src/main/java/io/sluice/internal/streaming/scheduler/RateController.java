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
final class RateController implements StreamingListener {
  private static final Logger log = LoggerFactory.getLogger(RateController.class);

  private final ReceiverTracker receivers;
  private final Map<Integer, InputSource> receiverlessInputs;
  private final long batchIntervalMs;
  private final long maxRate;
  private final Map<Integer, PidRateEstimator> estimators = new HashMap<>();

  RateController(ReceiverTracker receivers, List<InputSource> receiverlessInputs, long batchIntervalMs, long maxRate) {
    this.receivers = receivers;
    this.receiverlessInputs = new HashMap<>();
    receiverlessInputs.forEach(input -> this.receiverlessInputs.put(input.inputId(), input));
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
