package io.sluice.internal.kafka;

import io.sluice.api.function.Function;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.kafka.OffsetRange;
import io.sluice.streaming.Time;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of a Kafka direct stream: decides each batch's offset ranges and remembers them.
 * A batch's ranges are fixed when the batch is generated and kept (with where the next batch
 * starts) in the metadata checkpoint, so a recovered driver regenerates pending batches with
 * exactly the same ranges. Runs on the job-generation thread, except {@link #updateRate} (listener
 * thread) and {@link #commitAsync} (any thread).
 */
final class DirectKafkaSource<K, V, R> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(DirectKafkaSource.class);
  private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final KafkaParams params;
  // Subscribed topics, whose partitions are looked up every batch; empty when partitions are fixed.
  private final List<String> topics;
  private final Map<TopicPartition, Long> explicitStart;
  private final Function<ConsumerRecord<K, V>, R> recordHandler;
  // Where the next new batch starts, per partition; filled at the first start, then checkpointed.
  private final HashMap<TopicPartition, Long> nextOffsets = new HashMap<>();
  // The ranges of the batches generated and still remembered, by batch time in ms.
  private final TreeMap<Long, List<OffsetRange>> batches = new TreeMap<>();

  // Settings read from the configuration at every start (a recovered driver reads them afresh).
  private transient Settings settings;
  private transient volatile DriverConsumer driver;
  private transient OffsetCommitter committer; // created by the first commitAsync: most programs never commit
  private transient String streamName;
  private transient volatile long estimatedRate;

  private record Settings(long batchMs, long maxRatePerPartition, boolean backpressure, long initialRate,
                          Duration offsetsTimeout, Duration startTimeout, long pollTimeoutMs, int cacheCapacity) {}

  DirectKafkaSource(KafkaParams params, List<String> topics, Map<TopicPartition, Long> explicitStart,
                    Function<ConsumerRecord<K, V>, R> recordHandler) {
    this.params = params;
    this.topics = List.copyOf(topics);
    this.explicitStart = Map.copyOf(explicitStart);
    this.recordHandler = recordHandler;
  }

  String describe() {
    return topics.isEmpty() ? explicitStart.keySet().toString() : String.join(",", topics);
  }

  // ---------------------------------------------------------------- lifecycle

  void start(SluiceConf conf, long batchMs, String streamName) {
    this.streamName = streamName;
    long offsetsTimeout = KafkaOptions.OFFSETS_TIMEOUT_MS.get(conf);
    settings = new Settings(batchMs, KafkaOptions.MAX_RATE_PER_PARTITION.get(conf),
        SluiceOptions.BACKPRESSURE_ENABLED.get(conf), SluiceOptions.BACKPRESSURE_INITIAL_RATE.getOption(conf).orElse(0L),
        Duration.ofMillis(offsetsTimeout > 0 ? offsetsTimeout : Math.max(batchMs, 1000)),
        Duration.ofMillis(apiTimeoutMs()), KafkaOptions.POLL_TIMEOUT_MS.get(conf),
        KafkaOptions.CONSUMER_CACHE_CAPACITY.get(conf));
    driver = new DriverConsumer(params);
    try {
      if (nextOffsets.isEmpty()) {
        nextOffsets.putAll(startingOffsets());
        log.info("{} starts at {}", streamName, new TreeMap<>(asStrings(nextOffsets)));
      } else {
        log.info("{} recovered: pending batches {}, new batches start at {}", streamName, batches.keySet(),
            new TreeMap<>(asStrings(nextOffsets)));
      }
    } catch (RuntimeException e) {
      driver.close();
      driver = null;
      throw e;
    }
  }

  void stop() {
    OffsetCommitter started;
    synchronized (this) {
      started = committer;
      committer = null;
    }
    if (started != null) {
      started.close();
    }
    if (driver != null) {
      driver.close();
    }
  }

  private long apiTimeoutMs() {
    Object configured = params.forDriver().get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    return configured == null ? 60_000 : Long.parseLong(String.valueOf(configured));
  }

  /** Explicit offsets as given; else the group's committed offsets; else what auto.offset.reset says. */
  private Map<TopicPartition, Long> startingOffsets() {
    Set<String> existing = driver.topics(settings.startTimeout());
    Set<String> wanted = new HashSet<>(topics);
    explicitStart.keySet().forEach(p -> wanted.add(p.topic()));
    for (String topic : wanted) {
      if (!existing.contains(topic)) {
        throw new SluiceException("Topic '" + topic + "' does not exist on the Kafka cluster at bootstrap.servers="
            + params.bootstrapServers());
      }
    }
    if (!explicitStart.isEmpty()) {
      return new HashMap<>(explicitStart);
    }
    Set<TopicPartition> partitions = new HashSet<>();
    for (String topic : topics) {
      partitions.addAll(driver.partitionsOf(topic, settings.startTimeout()));
    }
    Map<TopicPartition, Long> offsets = params.groupId().isPresent()
        ? driver.committed(partitions, settings.startTimeout()) : new HashMap<>();
    Set<TopicPartition> uncommitted = new HashSet<>(partitions);
    uncommitted.removeAll(offsets.keySet());
    if (!uncommitted.isEmpty()) {
      switch (params.resetPolicy()) {
        case EARLIEST -> offsets.putAll(driver.earliest(uncommitted, settings.startTimeout()));
        case LATEST -> offsets.putAll(driver.latest(uncommitted, settings.startTimeout()));
        case NONE -> throw new SluiceException("No committed offset for " + sorted(uncommitted) + " in consumer group "
            + params.groupId().orElse("(no group.id)") + ", and auto.offset.reset=none: give starting offsets, or "
            + "set auto.offset.reset to earliest or latest");
      }
    }
    return offsets;
  }

  // ---------------------------------------------------------------- batches

  /** The batch's ranges: those it was generated with, if it was (recovery), else new ones. */
  KafkaRangeSource<K, V, R> rangesFor(Time time) {
    List<OffsetRange> ranges = batches.get(time.milliseconds());
    if (ranges == null) {
      ranges = newRanges(time);
      batches.put(time.milliseconds(), ranges);
      ranges.forEach(r -> nextOffsets.put(r.topicPartition(), r.untilOffset()));
    }
    return new KafkaRangeSource<>(params, ranges, recordHandler, settings.pollTimeoutMs(), settings.cacheCapacity());
  }

  private List<OffsetRange> newRanges(Time time) {
    Duration timeout = settings.offsetsTimeout();
    Map<TopicPartition, Long> latest;
    Map<TopicPartition, Long> earliest;
    try {
      Set<TopicPartition> partitions = currentPartitions(timeout);
      latest = driver.latest(partitions, timeout);
      earliest = driver.earliest(partitions, timeout);
    } catch (TimeoutException e) {
      log.warn("Batch {}: no offsets from Kafka at {} within {} ms ({}); the batch reads nothing from {}", time,
          params.bootstrapServers(), timeout.toMillis(), e.getMessage(), describe());
      return nextOffsets.entrySet().stream().sorted(Map.Entry.comparingByKey(BY_TOPIC_AND_PARTITION))
          .map(e2 -> OffsetRange.create(e2.getKey(), e2.getValue(), e2.getValue())).toList();
    }
    Map<TopicPartition, Long> from = new HashMap<>();
    Map<TopicPartition, Long> lags = new HashMap<>();
    for (TopicPartition partition : latest.keySet()) {
      long start = inRange(partition, nextOffsets.get(partition), earliest.get(partition), latest.get(partition));
      from.put(partition, start);
      lags.put(partition, latest.get(partition) - start);
    }
    Map<TopicPartition, Long> limits = BatchSizer.maxOffsets(lags, settings.batchMs(), streamRate(),
        effectiveMaxRatePerPartition());
    List<OffsetRange> ranges = new ArrayList<>();
    from.keySet().stream().sorted(BY_TOPIC_AND_PARTITION).forEach(partition -> {
      long start = from.get(partition);
      long until = Math.min(latest.get(partition), start + limits.getOrDefault(partition, Long.MAX_VALUE - start));
      ranges.add(OffsetRange.create(partition, start, until));
    });
    return List.copyOf(ranges);
  }

  /** The partitions to read now: new partitions of subscribed topics join, read from their first offset. */
  private Set<TopicPartition> currentPartitions(Duration timeout) {
    if (topics.isEmpty()) {
      return new HashSet<>(nextOffsets.keySet());
    }
    Set<TopicPartition> partitions = new HashSet<>();
    for (String topic : topics) {
      List<TopicPartition> ofTopic = driver.partitionsOf(topic, timeout);
      if (ofTopic.isEmpty()) {
        throw new SluiceException("Topic '" + topic + "' no longer exists on the Kafka cluster at bootstrap.servers="
            + params.bootstrapServers() + " (was it deleted?); its last offsets read were "
            + asStrings(offsetsOf(topic)));
      }
      partitions.addAll(ofTopic);
    }
    Set<TopicPartition> added = new HashSet<>(partitions);
    added.removeAll(nextOffsets.keySet());
    if (!added.isEmpty()) {
      Map<TopicPartition, Long> first = driver.earliest(added, timeout);
      log.info("New Kafka partitions {}: read from their first offsets {}", sorted(added), asStrings(first));
      nextOffsets.putAll(first);
    }
    return partitions;
  }

  /** Where a partition's next batch starts, after the auto.offset.reset rule for offsets Kafka no longer has. */
  private long inRange(TopicPartition partition, long next, long earliest, long latest) {
    if (next >= earliest && next <= latest) {
      return next;
    }
    String problem = "Offset " + next + " of topic " + partition.topic() + ", partition " + partition.partition()
        + " is out of range: Kafka holds [" + earliest + ", " + latest + ")";
    return switch (params.resetPolicy()) {
      case EARLIEST -> {
        log.warn("{}; auto.offset.reset=earliest: reading from {}", problem, earliest);
        yield earliest;
      }
      case LATEST -> {
        log.warn("{}; auto.offset.reset=latest: reading from {}", problem, latest);
        yield latest;
      }
      case NONE -> throw new SluiceException(problem + " (deleted by retention, or the topic was recreated), and "
          + "auto.offset.reset=none; set it to earliest or latest to go on from what Kafka holds");
    };
  }

  private OptionalLong streamRate() {
    if (!settings.backpressure()) {
      return OptionalLong.empty();
    }
    long estimate = estimatedRate;
    if (estimate > 0) {
      return OptionalLong.of(estimate);
    }
    return settings.initialRate() > 0 ? OptionalLong.of(settings.initialRate()) : OptionalLong.empty();
  }

  /** With backpressure and no rate known at all, the first batches are still bounded (see BatchSizer). */
  private long effectiveMaxRatePerPartition() {
    if (settings.maxRatePerPartition() == 0 && settings.backpressure() && streamRate().isEmpty()) {
      return BatchSizer.DEFAULT_INITIAL_RATE_PER_PARTITION;
    }
    return settings.maxRatePerPartition();
  }

  OptionalLong recordsInBatch(Time time) {
    List<OffsetRange> ranges = batches.get(time.milliseconds());
    return ranges == null ? OptionalLong.empty() : OptionalLong.of(ranges.stream().mapToLong(OffsetRange::count).sum());
  }

  void updateRate(long recordsPerSecond) {
    estimatedRate = recordsPerSecond;
  }

  /** Forgets the ranges of batches at or before {@code time}: they are done and no window needs them. */
  void forgetBatchesUpTo(Time time) {
    batches.headMap(time.milliseconds(), true).clear();
  }

  void commitAsync(OffsetRange[] ranges, OffsetCommitCallback callback) {
    if (params.groupId().isEmpty()) {
      throw new SluiceException("commitAsync needs a consumer group: set group.id in kafkaParams");
    }
    synchronized (this) {
      if (driver == null) {
        throw new SluiceException("commitAsync: the stream has not been started");
      }
      if (committer == null) {
        committer = new OffsetCommitter(params, streamName);
      }
      committer.commitAsync(ranges.clone(), callback);
    }
  }

  // ---------------------------------------------------------------- helpers

  private Map<TopicPartition, Long> offsetsOf(String topic) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    nextOffsets.forEach((p, o) -> {
      if (p.topic().equals(topic)) {
        offsets.put(p, o);
      }
    });
    return offsets;
  }

  private static List<TopicPartition> sorted(Set<TopicPartition> partitions) {
    return partitions.stream().sorted(BY_TOPIC_AND_PARTITION).toList();
  }

  private static Map<String, Long> asStrings(Map<TopicPartition, Long> offsets) {
    Map<String, Long> named = new TreeMap<>();
    offsets.forEach((p, o) -> named.put(p.toString(), o));
    return named;
  }
}
