package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import io.sluice.streaming.recovery.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end exactly-once from Kafka to files: RecoverableKafkaWordCount runs as a driver process
 * of its own (local[2], real clock, 1 s batches) reading a 4-partition topic of a real broker, is
 * killed with SIGKILL mid-stream, and is started again on the same checkpoint. Afterwards the
 * newest running totals are exactly the words sent, and so is the sum of every batch's counts
 * files: no record was counted twice or missed, though some batches were regenerated.
 */
class RecoverableKafkaWordCountTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Pattern PAIR = Pattern.compile("\\((.*),(\\d+)\\)");
  private static final String TOPIC = "words";

  private static EmbeddedKafkaBroker broker;
  private final List<ChildJvm> drivers = new ArrayList<>();
  private final Map<String, Long> sent = new TreeMap<>();
  @TempDir Path tmp;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
    broker.createTopic(TOPIC, 4);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @AfterEach
  void killDrivers() {
    drivers.forEach(ChildJvm::close);
  }

  @Test
  void aDriverKilledMidStreamRecoversWithEveryMessageCountedExactlyOnceInTheFiles() throws Exception {
    Path output = tmp.resolve("out");
    Path checkpoint = tmp.resolve("checkpoint");
    ChildJvm first = launch("first", output, checkpoint);
    send(0, 400);
    awaitTotals(output, first);

    send(1, 400); // in flight when the driver dies: some of it in batches being generated or run
    Thread.sleep(1200);
    assertEquals(ChildJvm.SIGKILL_EXIT, first.killHard(), "exit code of the SIGKILLed driver");
    send(2, 300); // while no driver runs

    ChildJvm second = launch("second", output, checkpoint);
    send(3, 300);
    awaitTotals(output, second);

    assertEquals(sent, sumOfBatchCounts(output.resolve("counts")), "every message counted once across the batches");
    assertFalse(second.stderr().contains("Creating a new context"), "the second driver recovered, not started afresh");
    String recovered = second.stderr().lines().filter(l -> l.contains("recovered: pending batches")).findFirst()
        .orElseThrow(() -> new AssertionError("no recovery of the Kafka stream's offsets in:\n" + second.stderr()));
    System.out.println(recovered);
  }

  private ChildJvm launch(String name, Path output, Path checkpoint) throws IOException {
    ChildJvm driver = ChildJvm.start(name, tmp, RecoverableKafkaWordCount.class,
        List.of(broker.bootstrapServers(), TOPIC, output.toUri().toString(), checkpoint.toUri().toString(), "1"),
        Map.of("sluice.master", "local[2]"));
    drivers.add(driver);
    return driver;
  }

  private void send(int seed, int lines) throws Exception {
    Random random = new Random(seed);
    try (Producer<String, String> producer = broker.newProducer(Map.of())) {
      List<Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < lines; i++) {
        StringBuilder line = new StringBuilder();
        for (int w = 0; w < 8; w++) {
          String word = "w" + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 200);
          sent.merge(word, 1L, Long::sum);
          line.append(w == 0 ? "" : " ").append(word);
        }
        acks.add(producer.send(new ProducerRecord<>(TOPIC, i % 4, null, line.toString())));
      }
      for (Future<?> ack : acks) {
        ack.get();
      }
    }
  }

  /** Waits until the newest complete totals equal everything sent so far. */
  private void awaitTotals(Path output, ChildJvm driver) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    Map<String, Long> latest = Map.of();
    while (System.currentTimeMillis() < deadline) {
      if (!driver.isAlive()) {
        throw new AssertionError("Driver " + driver.describe() + " died:\n" + driver.stderr());
      }
      latest = newestTotals(output.resolve("totals"));
      if (latest.equals(sent)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Totals never reached what was sent; newest " + latest + "\n" + driver.stderr());
  }

  private static Map<String, Long> newestTotals(Path totals) throws IOException {
    List<Path> done = completeBatches(totals);
    return done.isEmpty() ? Map.of() : parse(List.of(done.get(done.size() - 1)));
  }

  private static Map<String, Long> sumOfBatchCounts(Path counts) throws IOException {
    return parse(completeBatches(counts));
  }

  /** Batch directories with their _SUCCESS marker, in time order. */
  private static List<Path> completeBatches(Path parent) throws IOException {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(parent)) {
      return dirs.filter(d -> d.getFileName().toString().matches("batch-\\d+\\.txt"))
          .filter(d -> Files.exists(d.resolve("_SUCCESS")))
          .sorted((a, b) -> Long.compare(batchTime(a), batchTime(b))).toList();
    }
  }

  private static long batchTime(Path dir) {
    String name = dir.getFileName().toString();
    return Long.parseLong(name.substring("batch-".length(), name.length() - ".txt".length()));
  }

  private static Map<String, Long> parse(List<Path> batchDirs) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (Path dir : batchDirs) {
      try (Stream<Path> parts = Files.list(dir)) {
        for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
          for (String line : Files.readAllLines(part)) {
            Matcher m = PAIR.matcher(line);
            if (m.matches()) {
              counts.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
          }
        }
      }
    }
    return counts;
  }
}
