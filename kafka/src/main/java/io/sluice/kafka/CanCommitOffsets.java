package io.sluice.kafka;

import org.apache.kafka.clients.consumer.OffsetCommitCallback;

/**
 * Implemented by Kafka direct streams: stores offsets in Kafka, for the consumer group of
 * {@code group.id}, for programs that keep their progress there (monitoring tools show the group's
 * lag; a new application with an empty checkpoint starts from the committed offsets). The
 * checkpoint, not Kafka, is what a recovering driver resumes from, so committing is optional.
 *
 * <p>Commit after the batch's output is done, from {@code foreachRDD}:
 *
 * <pre>{@code
 * stream.foreachRDD(rdd -> {
 *   OffsetRange[] ranges = ((HasOffsetRanges) rdd).offsetRanges();
 *   // ... write the output ...
 *   ((CanCommitOffsets) stream).commitAsync(ranges);
 * });
 * }</pre>
 *
 * Each range commits its {@code untilOffset} (the next offset to read). Commits are queued and sent
 * by a driver thread, in order; these methods never block. Call them on the driver only.
 */
public interface CanCommitOffsets {
  /** Queues the ranges' until-offsets for commit; failures are logged. */
  void commitAsync(OffsetRange[] offsetRanges);

  /** As {@link #commitAsync(OffsetRange[])}, then calls {@code callback} (on the committing thread). */
  void commitAsync(OffsetRange[] offsetRanges, OffsetCommitCallback callback);
}
