package io.sluice.kafka;

import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test helpers around one broker: stream settings, producing lines, and the word counts they should give. */
final class KafkaStreams {
  private KafkaStreams() {}

  static Map<String, Object> params(EmbeddedKafkaBroker broker, String group, String reset) {
    Map<String, Object> params = new HashMap<>();
    params.put("bootstrap.servers", broker.bootstrapServers());
    params.put("key.deserializer", StringDeserializer.class);
    params.put("value.deserializer", StringDeserializer.class);
    params.put("group.id", group);
    params.put("auto.offset.reset", reset);
    params.put("default.api.timeout.ms", "10000");
    return params;
  }

  /** Sends each line to partition {@code i % partitions} (null key), waits until all are acknowledged. */
  static void produce(EmbeddedKafkaBroker broker, String topic, int partitions, List<String> lines) {
    try (Producer<String, String> producer = broker.newProducer(Map.of())) {
      List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        sent.add(producer.send(new ProducerRecord<>(topic, i % partitions, null, lines.get(i))));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> ack : sent) {
        ack.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("Producing to " + topic + " failed", e);
    }
  }

  /** How many records a partition-0-only topic holds now, read from its first offset by a plain consumer. */
  static long countRecords(EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> config = new HashMap<>(params(broker, "counter", "earliest"));
    config.remove("group.id");
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config)) {
      var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long count = 0;
      while (consumer.position(partition) < end) {
        count += consumer.poll(java.time.Duration.ofMillis(200)).count();
      }
      return count;
    }
  }

  static Map<String, Long> wordCounts(List<String> lines) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      for (String word : line.split(" ")) {
        counts.merge(word, 1L, Long::sum);
      }
    }
    return counts;
  }

  /** {@code n} lines of words from a small vocabulary, different for each {@code seed}. */
  static List<String> lines(int seed, int n) {
    java.util.Random random = new java.util.Random(seed);
    String[] words = {"kafka", "sluice", "stream", "batch", "offset", "range", "yarn", "exactly", "once"};
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder line = new StringBuilder();
      for (int w = 0; w < 1 + random.nextInt(5); w++) {
        line.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
