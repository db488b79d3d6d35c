package io.sluice.streaming;

import io.sluice.internal.access.Internals;
import io.sluice.testing.TestMasters;
import io.sluice.core.SluiceContext;
import io.sluice.testing.StoredBlocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.storage.BlockId;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import io.sluice.testing.Sink;
import io.sluice.testing.StdoutCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output operations: print, saveAs*Files, foreachRDD, their order, and what a stream remembers. */
class OutputOperationsTest {
  private static final Duration BATCH = Durations.seconds(1);
  private static final String RULE = "-------------------------------------------";

  @TempDir
  Path tmp;

  private static ManualStreaming local2() {
    return new ManualStreaming(TestMasters.operations(), BATCH);
  }

  private static List<Integer> range(int fromInclusive, int toInclusive) {
    return IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
  }

  /** What print(num) writes for one batch, as the guide shows it. */
  private static String printed(long timeMs, List<?> shown, boolean more) {
    StringBuilder s = new StringBuilder();
    s.append(RULE).append('\n').append("Time: ").append(timeMs).append(" ms\n").append(RULE).append('\n');
    for (Object o : shown) {
      s.append(o).append('\n');
    }
    if (more) {
      s.append("...\n");
    }
    return s.append('\n').toString();
  }

  // ---------------------------------------------------------------- print

  @Test
  void print_showsTenRecordsThenEllipsisOnlyWhenThereAreMore() {
    try (StdoutCapture out = StdoutCapture.start(); ManualStreaming t = local2()) {
      t.queueOf(List.of(range(1, 12), range(1, 10), List.of()), 1).print();
      t.start();
      t.runBatches(3);
      assertEquals(printed(1000, range(1, 10), true)
          + printed(2000, range(1, 10), false)
          + printed(3000, List.of(), false), out.text());
    }
  }

  @Test
  void print_withACountShowsThatMany() {
    try (StdoutCapture out = StdoutCapture.start(); ManualStreaming t = local2()) {
      DStream<String> words = t.queueOf(List.of(List.of("a", "b", "c", "d"), List.of("x", "y", "z")), 1);
      words.print(3);
      t.start();
      t.runBatches(3);
      assertEquals(printed(1000, List.of("a", "b", "c"), true)
          + printed(2000, List.of("x", "y", "z"), false)
          + printed(3000, List.of(), false), out.text());
    }
  }

  @Test
  void print_ofPairsUsesTheTupleFormat() {
    try (StdoutCapture out = StdoutCapture.start(); ManualStreaming t = local2()) {
      t.queueOf(List.of(List.of("hello", "world")), 1).mapToPair(w -> new Tuple2<>(w, 1)).print();
      t.start();
      t.runBatches(1);
      assertEquals(printed(1000, List.of("(hello,1)", "(world,1)"), false), out.text());
    }
  }

  // ---------------------------------------------------------------- saveAs*Files

  /** Names in {@code dir} starting with {@code prefix}, sorted. */
  private static List<String> namesStartingWith(Path dir, String prefix) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
  }

  private static void assertCommittedOutput(Path dir) throws IOException {
    assertTrue(Files.isDirectory(dir), dir + " should be a directory");
    List<String> names = namesStartingWith(dir, "");
    assertTrue(names.contains("_SUCCESS"), dir + " should have _SUCCESS: " + names);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("part-")), dir + " should have part files: " + names);
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    Collections.sort(copy);
    return copy;
  }

  @Test
  void saveAsTextFiles_writesOneDirectoryPerBatchNamedPrefixDashTime() throws IOException {
    try (ManualStreaming t = local2()) {
      String prefix = tmp.resolve("words").toString();
      t.queueOf(List.of(List.of("a", "b", "c"), List.of(), List.of("d")), 2).saveAsTextFiles(prefix);
      t.start();
      t.runBatches(3);
      assertEquals(List.of("words-1000", "words-2000", "words-3000"), namesStartingWith(tmp, "words"));
      for (String name : List.of("words-1000", "words-2000", "words-3000")) {
        assertCommittedOutput(tmp.resolve(name));
      }
      var sc = t.ssc().sluiceContext();
      assertEquals(List.of("a", "b", "c"), sorted(sc.textFile(prefix + "-1000").collect()));
      assertEquals(List.of(), sc.textFile(prefix + "-2000").collect());
      assertEquals(List.of("d"), sc.textFile(prefix + "-3000").collect());
    }
  }

  @Test
  void saveAsTextFiles_withSuffixAppendsDotSuffix() throws IOException {
    try (ManualStreaming t = local2()) {
      String prefix = tmp.resolve("counts").toString();
      t.queueOf(List.of(List.of("x", "y", "x"), List.of("z")), 2).countByValue().saveAsTextFiles(prefix, "txt");
      t.start();
      t.runBatches(2);
      assertEquals(List.of("counts-1000.txt", "counts-2000.txt"), namesStartingWith(tmp, "counts"));
      assertCommittedOutput(tmp.resolve("counts-1000.txt"));
      var sc = t.ssc().sluiceContext();
      assertEquals(List.of("(x,2)", "(y,1)"), sorted(sc.textFile(prefix + "-1000.txt").collect()));
      assertEquals(List.of("(z,1)"), sc.textFile(prefix + "-2000.txt").collect());
    }
  }

  @Test
  void saveAsTextFiles_overwritesTheDirectoryOfARerunBatch() throws Exception {
    // As after a restart that recomputes batch 1000: its directory is already there.
    Path stale = Files.createDirectory(tmp.resolve("rerun-1000"));
    Files.writeString(stale.resolve("part-00000"), "stale\n");
    Files.writeString(stale.resolve("_SUCCESS"), "");
    RecordingListener listener = new RecordingListener();
    try (ManualStreaming t = local2()) {
      t.ssc().addStreamingListener(listener);
      t.queueOf(List.of(List.of("fresh")), 1).saveAsTextFiles(tmp.resolve("rerun").toString());
      t.start();
      t.runBatches(1);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      assertEquals(Optional.empty(), listener.completedOutputOperations().get(0).failureReason());
      assertEquals(List.of("fresh"), t.ssc().sluiceContext().textFile(stale.toString()).collect());
      assertCommittedOutput(stale);
    }
  }

  @Test
  void saveAsObjectFiles_canBeReadBackWithObjectFile() throws IOException {
    try (ManualStreaming t = local2()) {
      String prefix = tmp.resolve("objects").toString();
      DStream<Tuple2<String, List<Integer>>> records = t.queueOf(List.of(List.of(1, 2, 3), List.of()), 2)
          .map(x -> new Tuple2<>("k" + x, List.of(x, x * x)));
      records.saveAsObjectFiles(prefix);
      records.saveAsObjectFiles(prefix, "bin");
      t.start();
      t.runBatches(2);
      assertEquals(List.of("objects-1000", "objects-1000.bin", "objects-2000", "objects-2000.bin"),
          namesStartingWith(tmp, "objects"));
      var sc = t.ssc().sluiceContext();
      List<Tuple2<String, List<Integer>>> expected = List.of(new Tuple2<>("k1", List.of(1, 1)),
          new Tuple2<>("k2", List.of(2, 4)), new Tuple2<>("k3", List.of(3, 9)));
      assertEquals(expected, sortedByKey(sc.<Tuple2<String, List<Integer>>>objectFile(prefix + "-1000").collect()));
      assertEquals(expected,
          sortedByKey(sc.<Tuple2<String, List<Integer>>>objectFile(prefix + "-1000.bin").collect()));
      assertEquals(List.of(), sc.objectFile(prefix + "-2000").collect());
    }
  }

  private static <V> List<Tuple2<String, V>> sortedByKey(List<Tuple2<String, V>> pairs) {
    List<Tuple2<String, V>> copy = new ArrayList<>(pairs);
    copy.sort((a, b) -> a._1().compareTo(b._1()));
    return copy;
  }

  // ---------------------------------------------------------------- foreachRDD and ordering

  @SuppressWarnings("try") // the capture only needs to be open, and closed at the end
  @Test
  void outputOperationsRunInDefinitionOrderWithinEachBatch() {
    Sink<String> log = Sink.create();
    try (StdoutCapture ignored = StdoutCapture.start(); ManualStreaming t = local2()) {
      DStream<Integer> numbers = t.queueOf(List.of(List.of(1, 2), List.of(), List.of(3)), 2);
      numbers.foreachRDD((rdd, time) -> log.add("A@" + time.milliseconds()));
      numbers.map(x -> x * 10).foreachRDD(rdd -> log.add("B:" + rdd.collect().stream().sorted().toList()));
      numbers.print();
      numbers.count().foreachRDD((rdd, time) -> log.add("C@" + time.milliseconds() + "=" + rdd.collect()));
      t.start();
      t.runBatches(3);
      assertEquals(List.of(
          "A@1000", "B:[10, 20]", "C@1000=[2]",
          "A@2000", "B:[]", "C@2000=[0]",
          "A@3000", "B:[30]", "C@3000=[1]"), log.values());
    } finally {
      log.release();
    }
  }

  @Test
  void foreachRDD_runsOnTheDriverWithEachBatchRddAndTime() {
    Sink<String> seen = Sink.create();
    try (ManualStreaming t = local2()) {
      DStream<String> words = t.queueOf(List.of(List.of("a"), List.of("b", "c")), 2);
      // Actions inside foreachRDD run as the batch's job; the function itself runs outside any task.
      words.foreachRDD((rdd, time) -> seen.add(time + " " + rdd.count() + " task=" + (io.sluice.core.TaskContext
          .get() != null)));
      words.foreachRDD(rdd -> rdd.foreach(w -> seen.add("record " + w)));
      t.start();
      t.runBatches(3);
      assertEquals(List.of("1000 ms 1 task=false", "2000 ms 2 task=false", "3000 ms 0 task=false",
          "record a", "record b", "record c"), seen.sortedValues());
    } finally {
      seen.release();
    }
  }

  // ---------------------------------------------------------------- remember, slice, cleanup

  @Test
  void remember_keepsBatchesForSlice() {
    try (ManualStreaming t = local2()) {
      DStream<Integer> tens = t.queueOf(List.of(List.of(1), List.of(2), List.of(3), List.of(4), List.of(5)), 2)
          .map(x -> x * 10);
      tens.foreachRDD(rdd -> rdd.count());
      t.ssc().remember(Durations.seconds(10));
      t.start();
      t.runBatches(5);
      assertEquals(5, tens.generatedRdds().size());
      assertEquals(List.of(List.of(20), List.of(30), List.of(40)),
          collectEach(tens.slice(new Time(2000), new Time(4000))));
      // Unaligned ends are floored to batch times, so 1500 includes the batch of 1000.
      assertEquals(List.of(List.of(10), List.of(20), List.of(30), List.of(40)),
          collectEach(tens.slice(new Time(1500), new Time(4500))));
      assertEquals(List.of(List.of(50)), collectEach(tens.slice(new Time(5000), new Time(5000))));
    }
  }

  /** The block count once the cleanup after the latest batch has run (only that batch is remembered). */
  private static int settledBlockCount(DStream<?> stream, SluiceContext sc) {
    Eventually.await("the cleanup after the latest batch", 5_000, () -> stream.generatedRdds().size() == 1);
    return StoredBlocks.of(sc).size();
  }

  private static <T> List<List<T>> collectEach(List<RDD<T>> rdds) {
    return rdds.stream().map(RDD::collect).toList();
  }

  @Test
  void slice_beforeStartFails() {
    try (ManualStreaming t = local2()) {
      DStream<Integer> s = t.queueOf(List.of(List.of(1)), 1);
      assertThrows(SluiceException.class, () -> s.slice(new Time(0), new Time(1000)));
    }
  }

  @Test
  void oldBatchesAreDroppedWithTheirBlocks() {
    try (ManualStreaming t = local2()) {
      List<List<Integer>> input = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        input.add(range(i * 10, i * 10 + 9));
      }
      DStream<Integer> persisted = t.queueOf(input, 2).map(x -> x + 1).persist();
      PairDStream<Integer, Integer> reduced = persisted.mapToPair(x -> new Tuple2<>(x % 3, x)).reduceByKey(Integer::sum);
      Sink<Long> counts = Sink.create();
      try {
        persisted.foreachRDD(rdd -> counts.add(rdd.count()));
        reduced.foreachRDD(rdd -> rdd.collect());
        t.start();
        SluiceContext blocks = t.ssc().sluiceContext();
        int settledAfter5 = -1;
        long maxRddBlocks = 0;
        for (int batch = 1; batch <= 30; batch++) {
          t.runBatches(1);
          assertTrue(persisted.generatedRdds().size() <= 2,
              "batch " + batch + ": remembers " + persisted.generatedRdds().keySet());
          long rddBlocks = StoredBlocks.of(blocks).stream().filter(id -> id instanceof BlockId.RddBlock).count();
          assertTrue(rddBlocks <= 4, "batch " + batch + ": " + rddBlocks + " RDD blocks, at most 2 batches x 2");
          maxRddBlocks = Math.max(maxRddBlocks, rddBlocks);
          if (batch == 5) {
            settledAfter5 = settledBlockCount(persisted, blocks);
          }
        }
        assertTrue(maxRddBlocks >= 2, "the persisted stream should have stored its partitions");
        int settledAfter30 = settledBlockCount(persisted, blocks);
        assertTrue(settledAfter30 <= settledAfter5,
            "blocks grew from " + settledAfter5 + " after 5 batches to " + settledAfter30 + " after 30");
        assertEquals(30, counts.size());
        assertTrue(counts.values().stream().allMatch(c -> c == 10), counts.values().toString());
        assertTrue(Internals.context().persistedRdds(t.ssc().sluiceContext()).size() <= 2,
            "persisted RDDs: " + Internals.context().persistedRdds(t.ssc().sluiceContext()));
      } finally {
        counts.release();
      }
    }
  }
}
