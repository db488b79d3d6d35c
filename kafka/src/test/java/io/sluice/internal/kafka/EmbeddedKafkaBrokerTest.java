package io.sluice.internal.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker the Kafka tests, examples and benchmark rely on: it serves records, grows topics, and
 * keeps its data across a stop and restart on the same ports. One broker for the class, as starting
 * one costs seconds.
 */
class EmbeddedKafkaBrokerTest {
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    long start = System.nanoTime();
    broker = EmbeddedKafkaBroker.start();
    System.out.printf("EmbeddedKafkaBroker: started in %d ms at %s%n", millisSince(start), broker.bootstrapServers());
  }

  @AfterAll
  static void closeBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void servesRecordsGrowsTopicsAndKeepsDataAcrossARestart() throws Exception {
    broker.createTopic("keyed", 3);
    produce("keyed", 0, 100);
    Map<Integer, Integer> perPartition = countPerPartition("keyed", 3, 100);
    assertEquals(100, perPartition.values().stream().mapToInt(Integer::intValue).sum(), perPartition.toString());
    assertEquals(3, perPartition.size(), "100 distinct keys land on every partition: " + perPartition);

    broker.addPartitions("keyed", 5);
    try (Producer<String, String> producer = broker.newProducer(Map.of())) {
      assertEquals(5, producer.partitionsFor("keyed").size());
    }

    broker.stop();
    assertUnreachable();

    long restart = System.nanoTime();
    broker.restart();
    System.out.printf("EmbeddedKafkaBroker: restarted in %d ms%n", millisSince(restart));
    assertEquals(100, countPerPartition("keyed", 5, 100).values().stream().mapToInt(Integer::intValue).sum(),
        "records written before the stop survive it");
    produce("keyed", 100, 50);
    assertEquals(150, countPerPartition("keyed", 5, 150).values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void aBrokerThatCannotStartSaysWhyWithItsOutput(@TempDir Path dir) {
    SluiceException failure = assertThrows(SluiceException.class,
        () -> EmbeddedKafkaBroker.start(dir, dir.toString(), 0, Map.of()));
    assertTrue(failure.getMessage().contains("kafka.tools.StorageTool"), failure.getMessage());
  }

  /** While stopped, clients with short timeouts fail within those timeouts instead of hanging. */
  private static void assertUnreachable() throws Exception {
    long start = System.nanoTime();
    Producer<String, String> producer = broker.newProducer(Map.of("max.block.ms", 1_500));
    try {
      ExecutionException failure = assertThrows(ExecutionException.class,
          () -> producer.send(new ProducerRecord<>("keyed", "k", "v")).get(10, TimeUnit.SECONDS));
      assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, failure.getCause());
    } finally {
      producer.close(Duration.ZERO);
    }
    Map<String, Object> config = new HashMap<>(broker.clientConfig());
    config.put("default.api.timeout.ms", 1_500);
    config.put("request.timeout.ms", 1_000);
    try (Admin admin = Admin.create(config)) {
      assertThrows(ExecutionException.class, () -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS));
    }
    assertTrue(millisSince(start) < 8_000, "clients gave up in " + millisSince(start) + " ms");
  }

  private static void produce(String topic, int from, int count) throws Exception {
    try (Producer<String, String> producer = broker.newProducer(Map.of())) {
      for (int i : IntStream.range(from, from + count).toArray()) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
      }
      producer.flush();
    }
  }

  /** Reads the topic from the start until {@code expected} records arrived (or 20 s passed). */
  private static Map<Integer, Integer> countPerPartition(String topic, int partitions, int expected) {
    Map<String, Object> config = new HashMap<>(broker.clientConfig());
    config.put("enable.auto.commit", false);
    Map<Integer, Integer> counts = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
             new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> assigned = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int total = 0;
      while (total < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          counts.merge(record.partition(), 1, Integer::sum);
          total++;
        }
      }
    }
    return counts;
  }

  private static long millisSince(long nanoTime) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
  }
}
