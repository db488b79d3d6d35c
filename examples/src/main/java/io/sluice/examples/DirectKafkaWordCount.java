package io.sluice.examples;

import io.sluice.api.Tuple2;
import io.sluice.examples.util.LineServer;
import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import io.sluice.kafka.KafkaUtils;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The guide's direct Kafka word count: counts the words of the messages in one or more Kafka
 * topics every 2 seconds, with no receiver (each batch reads its offset range of every partition).
 *
 * <p>{@code bin/sluice-run-example DirectKafkaWordCount broker1:9092,broker2:9092 topic1,topic2}.
 * Without a Kafka cluster, {@code bin/sluice-run-example DirectKafkaWordCount --demo [seconds]}
 * starts a single-node broker of its own (a child JVM), writes sample lines to a topic while the
 * stream counts them for the given seconds (default 20), then stops both.
 */
public final class DirectKafkaWordCount {
  private static final String USAGE = "DirectKafkaWordCount <brokers> <topics>   (comma-separated lists)\n"
      + "   or: DirectKafkaWordCount --demo [seconds]   (runs a Kafka broker itself; default 20 s)";
  private static final int DEFAULT_DEMO_SECONDS = 20;

  private DirectKafkaWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--demo")) {
      if (args.length > 2) {
        Examples.exitWithUsage(USAGE, null);
      }
      runDemo(args.length == 2 ? Examples.positiveInt(args[1], "seconds", USAGE) : DEFAULT_DEMO_SECONDS);
      System.exit(0);
    }
    if (args.length != 2 || args[0].isBlank() || args[1].isBlank()) {
      Examples.exitWithUsage(USAGE, null);
    }
    StreamingContext ssc = countWords(args[0], Set.of(args[1].split(",")));
    ssc.start();
    ssc.awaitTermination();
  }

  /** The stream, defined but not started: (key, message) pairs, their words counted per batch and printed. */
  static StreamingContext countWords(String brokers, Set<String> topics) {
    StreamingContext ssc = new StreamingContext(Examples.conf("DirectKafkaWordCount"), Durations.seconds(2));
    DStream<String> lines = KafkaUtils.<String, String>createDirectStream(ssc, kafkaParams(brokers), topics)
        .map(Tuple2::_2);
    NetworkWordCount.countWords(lines).print();
    return ssc;
  }

  static Map<String, Object> kafkaParams(String brokers) {
    Map<String, Object> params = new HashMap<>();
    params.put("bootstrap.servers", brokers);
    params.put("key.deserializer", StringDeserializer.class.getName());
    params.put("value.deserializer", StringDeserializer.class.getName());
    params.put("group.id", "DirectKafkaWordCount");
    params.put("auto.offset.reset", "earliest");
    return params;
  }

  private static void runDemo(int seconds) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopic("demo-lines", 2);
      System.err.printf("Counting words written to topic demo-lines of the demo broker at %s for %d s%n",
          broker.bootstrapServers(), seconds);
      StreamingContext ssc = countWords(broker.bootstrapServers(), Set.of("demo-lines"));
      ssc.start();
      try (Producer<String, String> producer = broker.newProducer(Map.of())) {
        long end = System.currentTimeMillis() + seconds * 1000L;
        for (int i = 0; System.currentTimeMillis() < end; i++) {
          producer.send(new ProducerRecord<>("demo-lines", LineServer.SAMPLE_LINES.get(i % LineServer.SAMPLE_LINES.size())));
          Thread.sleep(100);
        }
      }
      // Graceful: the batch being generated now still reads what was just written.
      ssc.stop(true, true);
    }
  }
}
