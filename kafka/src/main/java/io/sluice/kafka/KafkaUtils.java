package io.sluice.kafka;

import io.sluice.api.function.Function;
import io.sluice.core.PairRDD;
import io.sluice.core.SluiceContext;
import io.sluice.internal.kafka.DirectStreams;
import io.sluice.streaming.InputDStream;
import io.sluice.streaming.PairInputDStream;
import io.sluice.streaming.StreamingContext;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka direct streams: the "direct approach" of the Spark Streaming guide's Kafka integration,
 * on the Kafka 4 consumer. There is no receiver. Every batch interval the driver asks Kafka for the
 * latest offsets and fixes the batch's offset range {@code [from, until)} for each topic
 * partition; the batch is one RDD with one partition per range, read by tasks on executors with
 * consumers each executor keeps open. The ranges are stored in the metadata checkpoint, so after a
 * driver failure the recovered context regenerates pending batches with exactly the same ranges:
 * every record is transformed exactly once. For exactly-once output, write with an idempotent or
 * transactional sink such as {@code DStream.saveAsTextFilesExactlyOnce}.
 *
 * <p>{@code kafkaParams} are Kafka consumer settings ({@code bootstrap.servers},
 * {@code key.deserializer} and {@code value.deserializer} are required; values must be
 * serializable, e.g. class names). Where a new stream starts: the given offsets; else the offsets
 * the consumer group {@code group.id} committed; else {@code auto.offset.reset} ({@code latest}
 * by default, {@code earliest}, or {@code none}: fail). The same rule applies when a batch would
 * start at an offset Kafka no longer holds (deleted by retention): {@code earliest} and
 * {@code latest} skip ahead with a warning naming what was skipped, {@code none} fails the batch.
 * With {@code isolation.level=read_committed} batches end at the last stable offset and skip
 * aborted transactions.
 *
 * <p>Rate control: {@code sluice.streaming.kafka.maxRatePerPartition} (records/s per partition)
 * and {@code sluice.streaming.backpressure.enabled} bound each batch's ranges.
 *
 * <p>Call these on the driver, before {@code StreamingContext.start()}. Errors in the settings
 * fail here; a missing topic or an unreachable cluster fails {@code start()}.
 */
public final class KafkaUtils {
  private KafkaUtils() {}

  /**
   * A stream of (key, value) pairs from the given topics. Partitions added to the topics while the
   * stream runs are picked up at the next batch and read from their first offset. The stream also
   * implements {@link CanCommitOffsets}; its RDDs implement {@link HasOffsetRanges}.
   */
  public static <K, V> PairInputDStream<K, V> createDirectStream(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                                 Set<String> topics) {
    return DirectStreams.pairs(ssc, kafkaParams, topics);
  }

  /** A stream of (key, value) pairs from exactly these partitions, starting at these offsets. */
  public static <K, V> PairInputDStream<K, V> createDirectStream(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                                 Map<TopicPartition, Long> fromOffsets) {
    return DirectStreams.pairs(ssc, kafkaParams, fromOffsets);
  }

  /**
   * A stream of whatever {@code recordHandler} makes of each record (it sees the topic, partition,
   * offset, timestamp, headers, key and value), from exactly these partitions, starting at these
   * offsets. The handler runs in tasks on executors and must be serializable.
   */
  public static <K, V, R> InputDStream<R> createDirectStream(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                             Map<TopicPartition, Long> fromOffsets,
                                                             Function<ConsumerRecord<K, V>, R> recordHandler) {
    return DirectStreams.handled(ssc, kafkaParams, fromOffsets, recordHandler);
  }

  /** As {@link #createDirectStream(StreamingContext, Map, Set)}, each record turned into an element by {@code recordHandler}. */
  public static <K, V, R> InputDStream<R> createDirectStream(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                             Set<String> topics,
                                                             Function<ConsumerRecord<K, V>, R> recordHandler) {
    return DirectStreams.handled(ssc, kafkaParams, topics, recordHandler);
  }

  /** An RDD of the (key, value) pairs in the given offset ranges, one partition per range (batch jobs). */
  public static <K, V> PairRDD<K, V> createRDD(SluiceContext sc, Map<String, ?> kafkaParams, OffsetRange[] offsetRanges) {
    return DirectStreams.rdd(sc, kafkaParams, offsetRanges);
  }
}
