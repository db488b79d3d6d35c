package io.sluice.internal.kafka;

import io.sluice.api.Tuple2;
import io.sluice.api.function.Function;
import io.sluice.core.PairRDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.kafka.OffsetRange;
import io.sluice.streaming.InputDStream;
import io.sluice.streaming.PairInputDStream;
import io.sluice.streaming.StreamingContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Builds Kafka direct streams and RDDs for {@code KafkaUtils}, checking what users pass. */
public final class DirectStreams {
  private DirectStreams() {}

  public static <K, V> PairInputDStream<K, V> pairs(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                    Collection<String> topics) {
    return new DirectKafkaPairInputDStream<>(ssc, new DirectKafkaSource<K, V, Tuple2<K, V>>(new KafkaParams(kafkaParams),
        checkTopics(topics), Map.of(), DirectStreams.pairHandler()));
  }

  public static <K, V> PairInputDStream<K, V> pairs(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                    Map<TopicPartition, Long> fromOffsets) {
    return new DirectKafkaPairInputDStream<>(ssc, new DirectKafkaSource<K, V, Tuple2<K, V>>(new KafkaParams(kafkaParams),
        List.of(), checkOffsets(fromOffsets), DirectStreams.pairHandler()));
  }

  public static <K, V, R> InputDStream<R> handled(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                  Map<TopicPartition, Long> fromOffsets,
                                                  Function<ConsumerRecord<K, V>, R> recordHandler) {
    checkHandler(recordHandler);
    return new DirectKafkaInputDStream<>(ssc, new DirectKafkaSource<>(new KafkaParams(kafkaParams), List.of(),
        checkOffsets(fromOffsets), recordHandler));
  }

  public static <K, V, R> InputDStream<R> handled(StreamingContext ssc, Map<String, ?> kafkaParams,
                                                  Collection<String> topics,
                                                  Function<ConsumerRecord<K, V>, R> recordHandler) {
    checkHandler(recordHandler);
    return new DirectKafkaInputDStream<>(ssc, new DirectKafkaSource<>(new KafkaParams(kafkaParams), checkTopics(topics),
        Map.of(), recordHandler));
  }

  public static <K, V> PairRDD<K, V> rdd(SluiceContext sc, Map<String, ?> kafkaParams, OffsetRange[] ranges) {
    if (ranges == null) {
      throw new SluiceException("createRDD needs offset ranges");
    }
    return new KafkaPairRDD<>(sc, new KafkaRangeSource<K, V, Tuple2<K, V>>(new KafkaParams(kafkaParams),
        Arrays.asList(ranges), pairHandler(), KafkaOptions.POLL_TIMEOUT_MS.get(sc.conf()),
        KafkaOptions.CONSUMER_CACHE_CAPACITY.get(sc.conf())));
  }

  private static <K, V> Function<ConsumerRecord<K, V>, Tuple2<K, V>> pairHandler() {
    return record -> new Tuple2<>(record.key(), record.value());
  }

  private static List<String> checkTopics(Collection<String> topics) {
    if (topics == null || topics.isEmpty()) {
      throw new SluiceException("A Kafka direct stream needs at least one topic");
    }
    for (String topic : topics) {
      if (topic == null || topic.isBlank()) {
        throw new SluiceException("Invalid Kafka topic name '" + topic + "'");
      }
    }
    return List.copyOf(new java.util.TreeSet<>(topics));
  }

  private static Map<TopicPartition, Long> checkOffsets(Map<TopicPartition, Long> fromOffsets) {
    if (fromOffsets == null || fromOffsets.isEmpty()) {
      throw new SluiceException("A Kafka direct stream needs starting offsets for at least one partition");
    }
    fromOffsets.forEach((partition, offset) -> {
      if (offset == null || offset < 0) {
        throw new SluiceException("Invalid starting offset " + offset + " for " + partition);
      }
    });
    return fromOffsets;
  }

  private static void checkHandler(Function<?, ?> recordHandler) {
    if (recordHandler == null) {
      throw new SluiceException("A Kafka direct stream needs a record handler");
    }
  }
}
