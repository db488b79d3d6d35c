package io.sluice.internal.kafka;

import io.sluice.core.SluiceException;
import io.sluice.kafka.OffsetRange;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * The records of one offset range, read on an executor. The range ends at {@code untilOffset}, not
 * after {@code count()} records: compacted topics have gaps, and transactional topics have markers
 * (and, read_committed, aborted records) that occupy offsets but are never returned. So the reader
 * stops when the consumer's position reaches the end. Any Kafka error fails the task with the
 * topic, partition and offset it was at.
 */
final class OffsetRangeReader<K, V> implements Iterator<ConsumerRecord<K, V>> {
  // A short poll first: most of the time the records are there, and position() tells the rest.
  private static final Duration SHORT_POLL = Duration.ofMillis(200);

  private final OffsetRange range;
  private final CachedConsumer<K, V> consumer;
  private final long pollTimeoutMs;
  private ConsumerRecord<K, V> next;
  private boolean done;
  private boolean failed;
  private long currentOffset;

  OffsetRangeReader(OffsetRange range, CachedConsumer<K, V> consumer, long pollTimeoutMs) {
    this.range = range;
    this.consumer = consumer;
    this.pollTimeoutMs = pollTimeoutMs;
    this.currentOffset = range.fromOffset();
    this.done = range.count() == 0;
    if (!done) {
      consumer.seek(range.fromOffset());
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = fetchNext();
      } catch (RuntimeException e) {
        failed = true;
        throw e;
      }
      done = next == null;
    }
    return next != null;
  }

  @Override
  public ConsumerRecord<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ConsumerRecord<K, V> record = next;
    next = null;
    return record;
  }

  /** Whether reading failed: the consumer may be mid-error (e.g. at a record it cannot deserialize). */
  boolean failed() {
    return failed;
  }

  private ConsumerRecord<K, V> fetchNext() {
    long waitingSince = System.nanoTime();
    while (true) {
      ConsumerRecord<K, V> record = poll();
      if (record != null) {
        if (record.offset() >= range.untilOffset()) {
          consumer.unread(record);
          return null;
        }
        currentOffset = record.offset() + 1;
        return record;
      }
      long position = position();
      if (position >= range.untilOffset()) {
        return null;
      }
      long waitedMs = (System.nanoTime() - waitingSince) / 1_000_000;
      if (waitedMs >= pollTimeoutMs) {
        throw new SluiceException("Timed out after " + waitedMs + " ms waiting for Kafka records of " + where(position)
            + ": the broker may be down or unreachable (" + KafkaOptions.POLL_TIMEOUT_MS.key() + "=" + pollTimeoutMs
            + ")");
      }
    }
  }

  private ConsumerRecord<K, V> poll() {
    try {
      return consumer.next(SHORT_POLL);
    } catch (RecordDeserializationException e) {
      throw new SluiceException("Cannot deserialize the Kafka record at topic " + e.topicPartition().topic()
          + ", partition " + e.topicPartition().partition() + ", offset " + e.offset() + " (" + e.origin()
          + "): " + rootMessage(e), e);
    } catch (OffsetOutOfRangeException e) {
      throw new SluiceException("Offset " + currentOffset + " of topic " + range.topic() + ", partition "
          + range.partition() + " is no longer in Kafka (deleted by retention, or the topic was recreated); "
          + "this batch cannot read " + range, e);
    } catch (KafkaException e) {
      throw new SluiceException("Kafka failed reading " + where(currentOffset) + ": " + e, e);
    }
  }

  private long position() {
    try {
      return consumer.positionWhenDrained();
    } catch (KafkaException e) {
      throw new SluiceException("Kafka failed reading " + where(currentOffset) + ": " + e, e);
    }
  }

  private String where(long offset) {
    return "topic " + range.topic() + ", partition " + range.partition() + ", offset " + offset + " (reading ["
        + range.fromOffset() + ", " + range.untilOffset() + "))";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : root.toString();
  }
}
