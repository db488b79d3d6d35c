package io.sluice.internal.kafka;

import io.sluice.core.SluiceException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The driver's view of Kafka: which partitions a topic has and which offsets they hold. It reads
 * no records, so it deserializes nothing. Partitions come from an admin client, which asks the
 * cluster every time: a consumer answers from metadata it may have cached for minutes, and would
 * not see partitions added meanwhile. Used on the job-generation thread only.
 */
final class DriverConsumer implements AutoCloseable {
  private final KafkaParams params;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Admin admin;

  DriverConsumer(KafkaParams params) {
    this.params = params;
    try {
      this.consumer = new KafkaConsumer<>(params.forDriver(), new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      this.admin = Admin.create(params.forAdmin());
    } catch (KafkaException e) {
      throw new SluiceException("Cannot create the driver's Kafka clients for " + params + ": " + rootMessage(e), e);
    }
  }

  /** Every topic of the cluster; fails clearly when the cluster cannot be reached. */
  Set<String> topics(Duration timeout) {
    try {
      return consumer.listTopics(timeout).keySet();
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new SluiceException("Cannot reach Kafka at bootstrap.servers=" + params.bootstrapServers()
          + ": no answer within " + timeout.toMillis() + " ms (is the broker up, and the address right?)", e);
    }
  }

  /** The topic's partitions; empty when the topic does not exist. */
  List<TopicPartition> partitionsOf(String topic, Duration timeout) {
    try {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return List.of();
      }
      if (e.getCause() instanceof KafkaException kafka) {
        throw kafka;
      }
      throw new KafkaException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("No partitions of topic " + topic + " within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
  }

  /** The next offset to be written (with read_committed: the last stable offset), per partition. */
  Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions, Duration timeout) {
    return new HashMap<>(consumer.endOffsets(partitions, timeout));
  }

  /** The first offset still stored, per partition. */
  Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions, Duration timeout) {
    return new HashMap<>(consumer.beginningOffsets(partitions, timeout));
  }

  /** Offsets the consumer group committed; partitions without a commit are absent. */
  Map<TopicPartition, Long> committed(Set<TopicPartition> partitions, Duration timeout) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, timeout);
    committed.forEach((partition, offset) -> {
      if (offset != null) {
        offsets.put(partition, offset.offset());
      }
    });
    return offsets;
  }

  @Override
  public void close() {
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(java.time.Duration.ofSeconds(5)));
    admin.close(Duration.ofSeconds(5));
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
