package io.sluice.streaming.scheduler;

import io.sluice.streaming.Time;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to one batch. Times are milliseconds since the epoch; {@code submissionTime} is when
 * the batch's jobs were submitted.
 */
public record BatchInfo(Time batchTime, Map<Integer, Long> numRecordsByStream, long submissionTime,
                        Optional<Long> processingStartTime, Optional<Long> processingEndTime) {

  /** Copies {@code numRecordsByStream}, so the record is immutable. */
  public BatchInfo {
    numRecordsByStream = Map.copyOf(numRecordsByStream);
  }

  /** Records received across all input streams for this batch. */
  public long numRecords() {
    return numRecordsByStream.values().stream().mapToLong(Long::longValue).sum();
  }

  /** How long the batch waited for earlier batches: processing start - submission. */
  public Optional<Long> schedulingDelay() {
    return processingStartTime.map(start -> start - submissionTime);
  }

  /** How long its jobs ran: processing end - processing start. */
  public Optional<Long> processingDelay() {
    return processingStartTime.flatMap(start -> processingEndTime.map(end -> end - start));
  }

  /** Scheduling delay plus processing delay: processing end - submission. */
  public Optional<Long> totalDelay() {
    return processingEndTime.map(end -> end - submissionTime);
  }
}
