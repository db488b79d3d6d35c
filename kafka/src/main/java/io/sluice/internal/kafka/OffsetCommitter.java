package io.sluice.internal.kafka;

import io.sluice.kafka.OffsetRange;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets to Kafka for {@code CanCommitOffsets.commitAsync}: callers queue, one driver
 * thread with a consumer of its own commits in order. Its own consumer because KafkaConsumer is
 * not thread-safe and the job generator's consumer must never wait for a commit.
 */
final class OffsetCommitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private record Commit(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {}

  private static final Commit STOP = new Commit(Map.of(), null);

  private final KafkaParams params;
  private final LinkedBlockingQueue<Commit> queue = new LinkedBlockingQueue<>();
  private final Thread thread;

  OffsetCommitter(KafkaParams params, String streamName) {
    this.params = params;
    this.thread = new Thread(this::run, "sluice-kafka-committer-" + streamName);
    thread.setDaemon(true);
    thread.start();
  }

  void commitAsync(OffsetRange[] ranges, OffsetCommitCallback callback) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    for (OffsetRange range : ranges) {
      offsets.put(range.topicPartition(), new OffsetAndMetadata(range.untilOffset()));
    }
    queue.add(new Commit(offsets, callback));
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(params.forDriver(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      for (Commit commit = queue.take(); commit != STOP; commit = queue.take()) {
        Exception failure = null;
        try {
          consumer.commitSync(commit.offsets(), COMMIT_TIMEOUT);
          log.debug("Committed {}", commit.offsets());
        } catch (RuntimeException e) {
          failure = e;
          log.warn("Committing offsets {} to Kafka failed: {}", commit.offsets(), e.toString());
        }
        if (commit.callback() != null) {
          try {
            commit.callback().onComplete(commit.offsets(), failure);
          } catch (RuntimeException e) {
            log.warn("The offset commit callback failed", e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("The Kafka offset committer stopped", e);
    }
  }

  /** Sends what is queued, then stops; waits at most {@link #CLOSE_WAIT} (a broker may be down). */
  @Override
  public void close() {
    queue.add(STOP);
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
