package io.sluice.kafka;

import java.io.Serializable;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one Kafka topic partition that one batch reads: offsets {@code [fromOffset,
 * untilOffset)}. Each partition of a direct stream's RDD is one range, so the range of a batch is
 * known on the driver before any record is read, and is stored in the checkpoint.
 *
 * <p>{@link #count()} is {@code untilOffset - fromOffset}: the number of offsets, which is also the
 * number of records except in compacted topics (whose gaps hold no record) and transactional ones
 * (whose commit markers and, with {@code isolation.level=read_committed}, aborted records are skipped).
 */
public record OffsetRange(String topic, int partition, long fromOffset, long untilOffset) implements Serializable {

  public OffsetRange {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("An offset range needs a topic");
    }
    if (partition < 0 || fromOffset < 0 || untilOffset < fromOffset) {
      throw new IllegalArgumentException("Invalid offset range " + topic + "-" + partition + " [" + fromOffset
          + ", " + untilOffset + ")");
    }
  }

  public static OffsetRange create(String topic, int partition, long fromOffset, long untilOffset) {
    return new OffsetRange(topic, partition, fromOffset, untilOffset);
  }

  public static OffsetRange create(TopicPartition topicPartition, long fromOffset, long untilOffset) {
    return new OffsetRange(topicPartition.topic(), topicPartition.partition(), fromOffset, untilOffset);
  }

  public TopicPartition topicPartition() {
    return new TopicPartition(topic, partition);
  }

  /** How many offsets the range spans. */
  public long count() {
    return untilOffset - fromOffset;
  }

  @Override
  public String toString() {
    return "OffsetRange(topic: '" + topic + "', partition: " + partition + ", range: [" + fromOffset + " -> "
        + untilOffset + "])";
  }
}
