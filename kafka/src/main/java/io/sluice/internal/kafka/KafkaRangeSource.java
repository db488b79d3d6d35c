package io.sluice.internal.kafka;

import io.sluice.api.function.Function;
import io.sluice.core.Partition;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.util.Iterators;
import io.sluice.kafka.OffsetRange;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the Kafka RDDs share: their partitions are the offset ranges, and computing one reads its
 * range with the executor's cached consumer of that topic partition, turning each record into an
 * element with the record handler. Travels with tasks.
 */
final class KafkaRangeSource<K, V, R> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final KafkaParams params;
  private final List<OffsetRange> ranges;
  private final Function<ConsumerRecord<K, V>, R> recordHandler;
  private final long pollTimeoutMs;
  private final int consumerCacheCapacity;

  KafkaRangeSource(KafkaParams params, List<OffsetRange> ranges, Function<ConsumerRecord<K, V>, R> recordHandler,
                   long pollTimeoutMs, int consumerCacheCapacity) {
    this.params = params;
    this.ranges = List.copyOf(ranges);
    this.recordHandler = recordHandler;
    this.pollTimeoutMs = pollTimeoutMs;
    this.consumerCacheCapacity = consumerCacheCapacity;
  }

  OffsetRange[] offsetRanges() {
    return ranges.toArray(new OffsetRange[0]);
  }

  long count() {
    return ranges.stream().mapToLong(OffsetRange::count).sum();
  }

  Partition[] partitions() {
    Partition[] partitions = new Partition[ranges.size()];
    for (int i = 0; i < partitions.length; i++) {
      partitions[i] = new OffsetRangePartition(i, ranges.get(i));
    }
    return partitions;
  }

  Iterator<R> read(Partition split, TaskContextImpl context) {
    OffsetRange range = ((OffsetRangePartition) split).range();
    if (range.count() == 0) {
      // Nothing to read: no consumer, so an empty batch works while the broker is down.
      return Collections.emptyIterator();
    }
    ConsumerCache cache = ConsumerCache.get();
    CachedConsumer<K, V> consumer = cache.acquire(params, range.topicPartition(), context.env().executorId());
    OffsetRangeReader<K, V> reader = new OffsetRangeReader<>(range, consumer, pollTimeoutMs);
    context.addCompletionListener(() -> {
      // A consumer whose read failed may be mid-error (e.g. at a record it cannot deserialize): not reused.
      if (!reader.failed()) {
        cache.release(params, consumer, consumerCacheCapacity);
      } else {
        ConsumerCache.closeQuietly(consumer);
      }
    });
    return Iterators.map(reader, record -> recordHandler.call(record));
  }
}
