package io.sluice.internal.ui;

import io.sluice.internal.checkpoint.CheckpointStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A consistent copy of what the streaming UI knows, taken at one moment, from which the page and the
 * JSON are rendered. Averages are over the retained completed batches.
 *
 * @param startTime when streaming started (streaming clock), empty before
 * @param batches newest first
 * @param totalCompletedBatches including those no longer retained
 * @param totalReceivedRecords input records of every completed batch, retained or not
 * @param checkpoints how metadata checkpoints are going; empty without a checkpoint directory (and
 *     in the history server, which has no live writer)
 */
record StreamingSnapshot(Optional<Long> startTime, long batchIntervalMs, List<BatchRow> batches,
                         List<ReceiverRow> receivers, long totalCompletedBatches, long totalReceivedRecords,
                         Optional<CheckpointStatus.View> checkpoints) {

  List<BatchRow> completed() {
    return batches.stream().filter(b -> b.status() == BatchRow.Status.COMPLETED).toList();
  }

  long count(BatchRow.Status status) {
    return batches.stream().filter(b -> b.status() == status).count();
  }

  long activeReceivers() {
    return receivers.stream().filter(r -> r.info().active()).count();
  }

  /** Records per second over the retained completed batches; empty before the first one. */
  Optional<Double> avgInputRate() {
    return rate(b -> b.info().numRecords());
  }

  Optional<Double> avgEventRate(int streamId) {
    return rate(b -> b.info().numRecordsByStream().getOrDefault(streamId, 0L));
  }

  Optional<Double> avgSchedulingDelayMs() {
    return average(b -> b.info().schedulingDelay());
  }

  Optional<Double> avgProcessingTimeMs() {
    return average(b -> b.info().processingDelay());
  }

  Optional<Double> avgTotalDelayMs() {
    return average(b -> b.info().totalDelay());
  }

  private Optional<Double> rate(Function<BatchRow, Long> records) {
    List<BatchRow> done = completed();
    if (done.isEmpty()) {
      return Optional.empty();
    }
    long sum = done.stream().mapToLong(records::apply).sum();
    return Optional.of(sum * 1000.0 / (done.size() * batchIntervalMs));
  }

  private Optional<Double> average(Function<BatchRow, Optional<Long>> value) {
    var stats = completed().stream().map(value).flatMap(Optional::stream).mapToLong(Long::longValue).summaryStatistics();
    return stats.getCount() == 0 ? Optional.empty() : Optional.of(stats.getAverage());
  }
}
