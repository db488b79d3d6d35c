package io.sluice.internal.kafka;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka consumers of one executor process, one per (settings, topic partition), reused by the
 * batches that follow: opening a consumer costs a metadata round trip and a new fetch session.
 * A consumer is lent to one task at a time; a second task that wants the same partition meanwhile
 * (speculative or concurrent jobs) gets a fresh consumer that is closed after use. Least recently
 * used consumers beyond the capacity are closed.
 */
final class ConsumerCache {
  private static final Logger log = LoggerFactory.getLogger(ConsumerCache.class);
  private static final ConsumerCache INSTANCE = new ConsumerCache();

  private record Key(String params, TopicPartition partition) {}

  // Access order: the eldest entry is the least recently returned consumer.
  private final LinkedHashMap<Key, CachedConsumer<?, ?>> idle = new LinkedHashMap<>(16, 0.75f, true);

  static ConsumerCache get() {
    return INSTANCE;
  }

  @SuppressWarnings("unchecked")
  <K, V> CachedConsumer<K, V> acquire(KafkaParams params, TopicPartition partition, String executorId) {
    Key key = new Key(params.cacheKey(), partition);
    synchronized (this) {
      CachedConsumer<?, ?> cached = idle.remove(key);
      if (cached != null) {
        return (CachedConsumer<K, V>) cached;
      }
    }
    log.debug("Opening a Kafka consumer for {}", partition);
    return new CachedConsumer<>(partition, params.forExecutors(executorId + "-" + partition));
  }

  /** Takes a consumer back after a task used it without error; closes the eldest past {@code capacity}. */
  void release(KafkaParams params, CachedConsumer<?, ?> consumer, int capacity) {
    Key key = new Key(params.cacheKey(), consumer.partition());
    CachedConsumer<?, ?> displaced;
    synchronized (this) {
      displaced = idle.put(key, consumer);
      while (idle.size() > capacity) {
        Iterator<Map.Entry<Key, CachedConsumer<?, ?>>> eldest = idle.entrySet().iterator();
        CachedConsumer<?, ?> evicted = eldest.next().getValue();
        eldest.remove();
        closeQuietly(evicted);
      }
    }
    if (displaced != null) {
      closeQuietly(displaced);
    }
  }

  synchronized int size() {
    return idle.size();
  }

  static void closeQuietly(CachedConsumer<?, ?> consumer) {
    try {
      consumer.close();
    } catch (RuntimeException e) {
      log.warn("Closing the Kafka consumer of {} failed", consumer.partition(), e);
    }
  }
}
