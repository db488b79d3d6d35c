package io.sluice.internal.metrics;

import io.sluice.internal.checkpoint.CheckpointStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streaming metrics of one StreamingContext, fed by listener events only (registered on the
 * listener bus like the UI's listener), so they show exactly what a user's StreamingListener sees:
 * a batch counts when {@code onBatchCompleted} arrives, with its records and delays.
 *
 * <p>Events arrive on the listener-bus thread; scrapes read on the UI's threads, through the
 * library's thread-safe metrics and a concurrent map.
 */
public final class StreamingMetrics implements StreamingListener {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final double batchIntervalSeconds;
  private final Map<Integer, String> inputNames;
  private final Counter batchesCompleted;
  private final Counter batchesFailed;
  private final Histogram schedulingDelay;
  private final Histogram processingTime;
  private final Histogram totalDelay;
  private final Counter records;
  private final Gauge inputRate;
  private final Gauge lastCompletedBatch;
  // Receiver-based streams by id, and whether their receiver is active now.
  private final Map<Integer, Boolean> receiversActive = new ConcurrentHashMap<>();
  // Times of batches with a failed output operation, until their completion is counted (bus thread only).
  private final Set<Long> failedBatches = new HashSet<>();
  private volatile CheckpointStatus checkpoints;

  /**
   * @param inputNames id and name of every input stream, so each shows (at 0) before its first batch
   * @param receiverStreams ids of the receiver-based ones among them
   */
  public StreamingMetrics(long batchIntervalMs, Map<Integer, String> inputNames, Set<Integer> receiverStreams) {
    this.batchIntervalSeconds = batchIntervalMs / 1000.0;
    this.inputNames = Map.copyOf(inputNames);
    receiverStreams.forEach(id -> receiversActive.put(id, false));
    batchesCompleted = Counter.builder().name("sluice_streaming_batches_completed")
        .help("Batches whose output operations all finished (onBatchCompleted), failed ones included")
        .register(registry);
    batchesFailed = Counter.builder().name("sluice_streaming_batches_failed")
        .help("Completed batches with at least one failed output operation")
        .register(registry);
    schedulingDelay = delayHistogram("sluice_streaming_scheduling_delay_seconds",
        "From a batch's submission to the start of its first job");
    processingTime = delayHistogram("sluice_streaming_processing_time_seconds",
        "From the start of a batch's first job to the end of its last");
    totalDelay = delayHistogram("sluice_streaming_total_delay_seconds",
        "From a batch's submission to the end of its last job");
    records = Counter.builder().name("sluice_streaming_input_records")
        .help("Records of completed batches, per input stream")
        .labelNames("stream_id", "stream_name")
        .register(registry);
    this.inputNames.forEach((id, name) -> records.initLabelValues(String.valueOf(id), name));
    inputRate = Gauge.builder().name("sluice_streaming_input_rate")
        .help("Records per second of the last completed batch (its records over the batch interval)")
        .register(registry);
    // An alert on "no batch completed for N intervals" needs a time, not a counter that stops.
    lastCompletedBatch = Gauge.builder().name("sluice_streaming_last_completed_batch_time_seconds")
        .help("Batch time of the newest completed batch, in seconds since the epoch (0 before the first)")
        .unit(Unit.SECONDS)
        .register(registry);
    // Failed checkpoint writes do not stop batches, so they must show here (and in the UI).
    GaugeWithCallback.builder().name("sluice_streaming_checkpoint_failures_since_last_write")
        .help("Metadata checkpoint writes failed since the newest one written (0 when they succeed; "
            + "absent without a checkpoint directory)")
        .callback(cb -> checkpointView().ifPresent(v -> cb.call(v.failuresSinceLastWrite())))
        .register(registry);
    GaugeWithCallback.builder().name("sluice_streaming_checkpoint_last_written_batch_time_seconds")
        .help("Batch time of the newest metadata checkpoint written, in seconds since the epoch (0 before the first)")
        .unit(Unit.SECONDS)
        .callback(cb -> checkpointView().ifPresent(v -> cb.call(Math.max(0, v.lastWrittenBatchMs()) / 1000.0)))
        .register(registry);
    GaugeWithCallback.builder().name("sluice_streaming_receivers")
        .help("Receiver-based input streams")
        .callback(cb -> cb.call(receiversActive.size()))
        .register(registry);
    GaugeWithCallback.builder().name("sluice_streaming_receivers_up")
        .help("Receivers running now (started and not stopped)")
        .callback(cb -> cb.call(receiversActive.values().stream().filter(up -> up).count()))
        .register(registry);
  }

  private Histogram delayHistogram(String name, String help) {
    return Histogram.builder().name(name).help(help).unit(Unit.SECONDS)
        .classicOnly().classicUpperBounds(Buckets.BATCH_SECONDS)
        .register(registry);
  }

  PrometheusRegistry registry() {
    return registry;
  }

  /** Reports how the live driver's metadata checkpoints go. */
  public void watchCheckpoints(CheckpointStatus status) {
    this.checkpoints = status;
  }

  private java.util.Optional<CheckpointStatus.View> checkpointView() {
    CheckpointStatus status = checkpoints;
    return status == null ? java.util.Optional.empty() : java.util.Optional.of(status.view());
  }

  @Override
  public void onBatchCompleted(BatchInfo batch) {
    batchesCompleted.inc();
    if (failedBatches.remove(batch.batchTime().milliseconds())) {
      batchesFailed.inc();
    }
    observeMs(schedulingDelay, batch.schedulingDelay());
    observeMs(processingTime, batch.processingDelay());
    observeMs(totalDelay, batch.totalDelay());
    batch.numRecordsByStream().forEach((id, n) ->
        records.labelValues(String.valueOf(id), inputNames.getOrDefault(id, "")).inc(n));
    inputRate.set(batch.numRecords() / batchIntervalSeconds);
    lastCompletedBatch.set(Math.max(lastCompletedBatch.get(), batch.batchTime().milliseconds() / 1000.0));
  }

  @Override
  public void onOutputOperationCompleted(OutputOperationInfo op) {
    if (op.failureReason().isPresent()) {
      failedBatches.add(op.batchTime().milliseconds());
    }
  }

  @Override
  public void onReceiverStarted(ReceiverInfo receiver) {
    receiversActive.put(receiver.streamId(), receiver.active());
  }

  @Override
  public void onReceiverError(ReceiverInfo receiver) {
    receiversActive.put(receiver.streamId(), receiver.active());
  }

  @Override
  public void onReceiverStopped(ReceiverInfo receiver) {
    receiversActive.put(receiver.streamId(), false);
  }

  private static void observeMs(Histogram histogram, Optional<Long> ms) {
    ms.ifPresent(value -> histogram.observe(value / 1000.0));
  }
}
