package io.sluice.examples.util;

import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/sluice-kafka-broker}: a single-node Kafka broker on this machine until Ctrl-C, for
 * trying the Kafka examples locally or on the development cluster without a Kafka installation.
 * {@code --feed TOPIC} writes {@link LineServer#SAMPLE_LINES} to the topic, 10 lines a second.
 * Its data is deleted when it stops.
 */
public final class KafkaBrokerMain {
  private static final String USAGE = "sluice-kafka-broker [--port 9092] [--topic NAME:PARTITIONS]... [--feed TOPIC]";

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    int port = 9092;
    String feed = null;
    List<String[]> topics = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        fail(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--port" -> port = parsePositive(args[i + 1], "--port");
        case "--topic" -> {
          String[] topic = args[i + 1].split(":");
          if (topic.length != 2 || topic[0].isBlank()) {
            fail("--topic needs NAME:PARTITIONS, got '" + args[i + 1] + "'");
          }
          parsePositive(topic[1], "--topic partitions");
          topics.add(topic);
        }
        case "--feed" -> feed = args[i + 1];
        default -> fail("unknown option " + args[i]);
      }
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, Map.of());
    for (String[] topic : topics) {
      broker.createTopic(topic[0], Integer.parseInt(topic[1]));
      System.err.printf("Created topic %s with %s partitions%n", topic[0], topic[1]);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-stopper"));
    System.out.println("Kafka broker at " + broker.bootstrapServers() + " (Ctrl-C stops it and deletes its data)");
    if (feed != null) {
      System.err.println("Writing sample lines to topic " + feed + ", 10 a second");
      try (var producer = broker.newProducer(Map.of())) {
        for (int i = 0; stopped.getCount() > 0; i++) {
          producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(feed,
              LineServer.SAMPLE_LINES.get(i % LineServer.SAMPLE_LINES.size())));
          Thread.sleep(100);
        }
      } catch (RuntimeException e) {
        // The broker is stopping under the producer at Ctrl-C.
      }
    }
    stopped.await();
  }

  private static int parsePositive(String value, String what) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail(what + " needs a positive number, got '" + value + "'");
    return 0;
  }

  private static void fail(String reason) {
    System.err.println(reason);
    System.err.println("Usage: " + USAGE);
    System.exit(2);
  }
}
