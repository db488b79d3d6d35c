package io.sluice.internal.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * An executor's consumer of one topic partition, kept between batches. Batch n+1 usually starts
 * where batch n ended, and a poll returns records past the end of a range: they are kept here, so
 * the next batch starts from them without seeking (a seek throws away what the consumer fetched).
 * Used by one task at a time (the cache hands it out exclusively).
 */
final class CachedConsumer<K, V> implements AutoCloseable {
  private final TopicPartition partition;
  private final KafkaConsumer<K, V> consumer;
  private final Deque<ConsumerRecord<K, V>> buffered = new ArrayDeque<>();
  // The offset the next record returned by next() would have at the least; -1 before the first seek.
  private long nextOffset = -1;

  CachedConsumer(TopicPartition partition, Map<String, Object> executorParams) {
    this.partition = partition;
    this.consumer = new KafkaConsumer<>(executorParams);
    consumer.assign(List.of(partition));
  }

  TopicPartition partition() {
    return partition;
  }

  /** Positions the consumer so the next records start at {@code offset}, reusing what it holds when it can. */
  void seek(long offset) {
    if (offset == nextOffset) {
      return;
    }
    buffered.clear();
    consumer.seek(partition, offset);
    nextOffset = offset;
  }

  /**
   * The next record at or after the current offset, or null when a poll of {@code timeout} brought
   * nothing (records may still be on their way, or the partition has no more).
   */
  ConsumerRecord<K, V> next(Duration timeout) {
    if (buffered.isEmpty()) {
      for (ConsumerRecord<K, V> record : consumer.poll(timeout).records(partition)) {
        buffered.add(record);
      }
    }
    ConsumerRecord<K, V> record = buffered.poll();
    if (record != null) {
      nextOffset = record.offset() + 1;
    }
    return record;
  }

  /** Puts back a record that belongs to a later range; it is the next one returned. */
  void unread(ConsumerRecord<K, V> record) {
    buffered.addFirst(record);
    nextOffset = record.offset();
  }

  /**
   * Where the consumer stands when nothing is buffered: past gaps of compacted topics, transaction
   * markers and aborted records, none of which a poll returns.
   */
  long positionWhenDrained() {
    if (!buffered.isEmpty()) {
      return buffered.peek().offset();
    }
    long position = consumer.position(partition, Duration.ofSeconds(30));
    nextOffset = position;
    return position;
  }

  @Override
  public void close() {
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(java.time.Duration.ofSeconds(5)));
  }
}
