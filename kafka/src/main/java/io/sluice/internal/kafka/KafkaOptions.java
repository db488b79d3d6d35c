package io.sluice.internal.kafka;

import io.sluice.internal.config.ConfigOption;
import io.sluice.internal.config.ConfigOptions;
import java.util.List;

/** The Sluice configuration keys of the Kafka direct stream (Kafka's own settings go in kafkaParams). */
public final class KafkaOptions {
  private KafkaOptions() {}

  public static final ConfigOption<Long> MAX_RATE_PER_PARTITION = ConfigOptions.nonNegativeLong(
      "sluice.streaming.kafka.maxRatePerPartition", 0L,
      "Records per second a Kafka direct stream reads from each partition into a batch; 0: no limit.");
  public static final ConfigOption<Long> POLL_TIMEOUT_MS = ConfigOptions.durationMs(
      "sluice.streaming.kafka.consumer.poll.ms", 120_000L,
      "How long a task waits for Kafka to return the records of its offset range before it fails.");
  public static final ConfigOption<Long> OFFSETS_TIMEOUT_MS = ConfigOptions.durationMs(
      "sluice.streaming.kafka.offsetsTimeout", 0L,
      "How long the driver waits for a batch's latest offsets before the batch reads nothing; 0: the batch interval.");
  public static final ConfigOption<Integer> CONSUMER_CACHE_CAPACITY = ConfigOptions.positiveInt(
      "sluice.streaming.kafka.consumer.cache.maxCapacity", 64,
      "Kafka consumers each executor keeps open for reuse by later batches (one per topic partition).");

  public static final List<ConfigOption<?>> ALL = List.of(MAX_RATE_PER_PARTITION, POLL_TIMEOUT_MS, OFFSETS_TIMEOUT_MS,
      CONSUMER_CACHE_CAPACITY);
}
