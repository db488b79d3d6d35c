package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the examples' pipelines on local[2], fed from queues of RDDs, with short batches. */
class NetworkWordCountTest {
  // Static, so the output functions capture nothing: the engine may copy (serialize) them.
  private static final Queue<Map<String, Integer>> NON_EMPTY_BATCHES = new ConcurrentLinkedQueue<>();

  private StreamingContext ssc;

  @BeforeEach
  void createContext() {
    NON_EMPTY_BATCHES.clear();
    SluiceConf conf = new SluiceConf().setMaster("local[2]").setAppName(getClass().getSimpleName());
    ssc = new StreamingContext(conf, Durations.milliseconds(200));
  }

  @AfterEach
  void stopContext() {
    ssc.stop(true, false);
  }

  @Test
  void countsTheWordsOfEachBatchSeparately() throws Exception {
    Queue<RDD<String>> lines = new ConcurrentLinkedQueue<>();
    lines.add(ssc.sluiceContext().parallelize(List.of("to be or", "not to be"), 2));
    lines.add(ssc.sluiceContext().parallelize(List.of("be quick", "be"), 1));

    NetworkWordCount.countWords(ssc.queueStream(lines)).foreachRDD(rdd -> {
      List<Tuple2<String, Integer>> counts = rdd.collect();
      if (!counts.isEmpty()) {
        NON_EMPTY_BATCHES.add(counts.stream().collect(Collectors.toMap(Tuple2::_1, Tuple2::_2)));
      }
    });
    ssc.start();
    awaitTrue(() -> NON_EMPTY_BATCHES.size() >= 2);

    List<Map<String, Integer>> batches = new ArrayList<>(NON_EMPTY_BATCHES);
    assertEquals(Map.of("to", 2, "be", 2, "or", 1, "not", 1), batches.get(0));
    assertEquals(Map.of("be", 2, "quick", 1), batches.get(1));
  }

  @Test
  void queueStreamPrintsOneHundredNumbersPerLastDigit() throws Exception {
    List<Integer> oneToThousand = IntStream.rangeClosed(1, 1000).boxed().toList();
    Queue<RDD<Integer>> numbers = new ConcurrentLinkedQueue<>();
    numbers.add(ssc.sluiceContext().parallelize(oneToThousand, 10));
    QueueStream.countByLastDigit(ssc.queueStream(numbers)).print();

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ssc.start();
      awaitTrue(() -> captured.toString(StandardCharsets.UTF_8).contains("(9,100)"));
    } finally {
      System.setOut(originalOut);
    }

    String printed = captured.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Time: "), printed);
    Map<String, Integer> seen = new HashMap<>();
    printed.lines().filter(l -> l.matches("\\(\\d,\\d+\\)")).forEach(l -> seen.merge(l, 1, Integer::sum));
    for (int digit = 0; digit < 10; digit++) {
      assertEquals(1, seen.getOrDefault("(" + digit + ",100)", 0), printed);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 8_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for the stream's output");
      }
      Thread.sleep(20);
    }
  }
}
