package io.sluice.streaming;

import io.sluice.testing.TestMasters;
import static io.sluice.testing.ExpectedBatches.times;
import static io.sluice.testing.TestData.kv;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.api.function.Function2;
import io.sluice.core.HashPartitioner;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.testing.BatchOutputs;
import io.sluice.testing.ExpectedBatches;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RddShapes;
import io.sluice.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window operations, batch by batch, against hand-computed windows. Batch interval 1 s on a manual
 * clock that starts at 0, so the zero time is 0 and batch i (1-based) runs at i * 1000 ms. A
 * window of length L sliding S emits at every multiple of S after the zero time and holds the
 * batches in (t - L, t]; the first windows hold only the batches that exist.
 *
 * <p>Every test runs 10 batches over the 8 queued below; the queue then runs dry, so batches 9
 * and 10 are empty too. Key "a" appears (1, 2), vanishes (3-5) and returns (6); batches 3, 5 and
 * 7-10 are empty.
 */
class WindowOperationsTest {
  private static final Duration ONE = Durations.seconds(1);
  private static final Duration TWO = Durations.seconds(2);
  private static final Duration THREE = Durations.seconds(3);
  private static final int BATCHES = 10;

  private static final List<List<Tuple2<String, Integer>>> PAIRS = List.of(
      List.of(kv("a", 1), kv("b", 2)),
      List.of(kv("a", 3)),
      List.of(),
      List.of(kv("b", 4), kv("c", 5)),
      List.of(),
      List.of(kv("a", 6), kv("a", 7)),
      List.of(),
      List.of());

  private static final List<List<Integer>> NUMBERS = List.of(
      List.of(1, 2), List.of(3), List.of(), List.of(4, 5), List.of(), List.of(6, 7), List.of(), List.of());

  private static final List<List<String>> WORDS = List.of(
      List.of("a", "b"), List.of("a"), List.of(), List.of("b", "c"), List.of(), List.of("a", "a"), List.of(),
      List.of());

  private static final Function2<Integer, Integer, Integer> SUM = Integer::sum;
  private static final Function2<Integer, Integer, Integer> MINUS = (x, y) -> x - y;

  @TempDir
  Path checkpointDir;

  private static ManualStreaming streaming() {
    return new ManualStreaming(TestMasters.operations(), ONE);
  }

  private static PairDStream<String, Integer> pairs(ManualStreaming t) {
    return PairDStream.fromDStream(t.queueOf(PAIRS, 2));
  }

  // ---------------------------------------------------------------- window()

  @Test
  void windowOfTwoBatchesSlidingOneHoldsTheLastTwoBatches() {
    try (ManualStreaming t = streaming()) {
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      BatchOutputs<Integer> implicitSlide = BatchOutputs.capture(numbers.window(TWO));
      BatchOutputs<Integer> explicitSlide = BatchOutputs.capture(numbers.window(TWO, ONE));
      t.start();
      t.runBatches(BATCHES);

      var expected = ExpectedBatches.<Integer>expect().at(1000, 1, 2)   // only batch 1 exists yet
          .at(2000, 1, 2, 3)
          .at(3000, 3)
          .at(4000, 4, 5)
          .at(5000, 4, 5)
          .at(6000, 6, 7)
          .at(7000, 6, 7)
          .at(8000)
          .at(9000)
          .at(10000);
      expected.assertMatches(implicitSlide, "window(2 s)");
      expected.assertMatches(explicitSlide, "window(2 s, 1 s)");
    }
  }

  @Test
  void windowOfThreeBatchesSlidingTwoEmitsEveryOtherBatch() {
    try (ManualStreaming t = streaming()) {
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      DStream<Integer> windowed = numbers.window(THREE, TWO);
      BatchOutputs<Integer> out = BatchOutputs.capture(windowed);
      t.start();
      t.runBatches(BATCHES);

      assertEquals(TWO, windowed.slideDuration());
      ExpectedBatches.<Integer>expect().at(2000, 1, 2, 3)         // batches 1-2 (the window's first batch, 0 ms, does not exist)
          .at(4000, 3, 4, 5)                      // batches 2-4
          .at(6000, 4, 5, 6, 7)                   // batches 4-6
          .at(8000, 6, 7)                         // batches 6-8
          .at(10000)                              // batches 8-10, all empty
          .assertMatches(out);
    }
  }

  @Test
  void tumblingWindowWindowOfThreeSlidingOneAndWindowShorterThanSlide() {
    try (ManualStreaming t = streaming()) {
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      BatchOutputs<Integer> tumbling = BatchOutputs.capture(numbers.window(TWO, TWO));
      BatchOutputs<Integer> threeByOne = BatchOutputs.capture(numbers.window(THREE, ONE));
      BatchOutputs<Integer> sampled = BatchOutputs.capture(numbers.window(ONE, TWO));
      t.start();
      t.runBatches(BATCHES);

      ExpectedBatches.<Integer>expect().at(2000, 1, 2, 3).at(4000, 4, 5).at(6000, 6, 7).at(8000).at(10000)
          .assertMatches(tumbling, "window(2 s, 2 s)");
      ExpectedBatches.<Integer>expect().at(1000, 1, 2)
          .at(2000, 1, 2, 3)
          .at(3000, 1, 2, 3)
          .at(4000, 3, 4, 5)
          .at(5000, 4, 5)
          .at(6000, 4, 5, 6, 7)
          .at(7000, 6, 7)
          .at(8000, 6, 7)
          .at(9000)
          .at(10000)
          .assertMatches(threeByOne, "window(3 s, 1 s)");
      // A window shorter than its slide skips batches (here the odd ones).
      ExpectedBatches.<Integer>expect().at(2000, 3).at(4000, 4, 5).at(6000, 6, 7).at(8000).at(10000)
          .assertMatches(sampled, "window(1 s, 2 s)");
    }
  }

  @Test
  void windowOfAWindowSlidesWithItsParent() {
    try (ManualStreaming t = streaming()) {
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      BatchOutputs<Integer> out = BatchOutputs.capture(numbers.window(TWO, TWO).window(Durations.seconds(4), TWO));
      t.start();
      t.runBatches(BATCHES);

      ExpectedBatches.<Integer>expect().at(2000, 1, 2, 3)
          .at(4000, 1, 2, 3, 4, 5)
          .at(6000, 4, 5, 6, 7)
          .at(8000, 6, 7)
          .at(10000)
          .assertMatches(out);
    }
  }

  /**
   * The zero time is the batch before the first: with the clock at 1000 ms at start, the first
   * batch runs at 2000 ms and a 2 s slide emits at 3000, 5000, ... (not at the even seconds).
   */
  @Test
  void windowsAlignToTheZeroTimeNotToTheEpoch() {
    try (ManualStreaming t = streaming()) {
      t.clock().setTime(1000);
      t.ssc().checkpoint(checkpointDir.toString());
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      DStream<Integer> windowed = numbers.window(TWO, TWO);
      BatchOutputs<Integer> everyBatch = BatchOutputs.capture(numbers);
      BatchOutputs<Integer> out = BatchOutputs.capture(windowed);
      BatchOutputs<Long> counts = BatchOutputs.capture(numbers.countByWindow(THREE, TWO));
      t.start();
      t.runBatches(6);

      assertEquals(new Time(1000), t.ssc().graph().zeroTime());
      assertEquals(new Time(2000), t.ssc().graph().startTime());
      assertEquals(new Time(1000), windowed.zeroTime());
      assertEquals(List.of(2000L, 3000L, 4000L, 5000L, 6000L, 7000L), everyBatch.times());
      ExpectedBatches.<Integer>expect().at(3000, 1, 2, 3).at(5000, 4, 5).at(7000, 6, 7).assertMatches(out, "window");
      // The incremental window aligns the same way: batches (t - 3 s, t] for t = 3000, 5000, 7000.
      ExpectedBatches.<Long>expect().at(3000, 3L).at(5000, 3L).at(7000, 4L).assertMatches(counts, "countByWindow");
    }
  }

  @Test
  void windowAndSlideMustBeMultiplesOfTheParentSlide() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, Integer> pairs = pairs(t);
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      Duration oneAndAHalf = Durations.milliseconds(1500);
      Duration twoAndAHalf = Durations.milliseconds(2500);
      DStream<Integer> everyTwo = numbers.window(TWO, TWO);

      assertAll(
          () -> assertWindowError(() -> numbers.window(oneAndAHalf), "1500 ms", "1000 ms"),
          () -> assertWindowError(() -> numbers.window(TWO, oneAndAHalf), "1500 ms", "1000 ms"),
          () -> assertWindowError(() -> everyTwo.window(THREE, TWO), "3000 ms", "2000 ms"),
          () -> assertWindowError(() -> everyTwo.window(Durations.seconds(4), THREE), "3000 ms", "2000 ms"),
          () -> assertWindowError(() -> pairs.window(twoAndAHalf, ONE), "2500 ms", "1000 ms"),
          () -> assertWindowError(() -> pairs.reduceByKeyAndWindow(SUM, twoAndAHalf, ONE), "2500 ms", "1000 ms"),
          () -> assertWindowError(() -> pairs.reduceByKeyAndWindow(SUM, MINUS, TWO, oneAndAHalf), "1500 ms",
              "1000 ms"),
          () -> assertWindowError(() -> pairs.groupByKeyAndWindow(twoAndAHalf), "2500 ms", "1000 ms"),
          () -> assertWindowError(() -> numbers.countByWindow(twoAndAHalf, ONE), "2500 ms", "1000 ms"),
          () -> assertWindowError(() -> numbers.reduceByWindow(SUM, TWO, oneAndAHalf), "1500 ms", "1000 ms"),
          () -> assertWindowError(() -> numbers.reduceByWindow(SUM, MINUS, twoAndAHalf, ONE), "2500 ms",
              "1000 ms"),
          () -> assertWindowError(() -> numbers.countByValueAndWindow(TWO, oneAndAHalf), "1500 ms", "1000 ms"));
    }
  }

  private static void assertWindowError(Executable define, String bad, String parentSlide) {
    SluiceException e = assertThrows(SluiceException.class, define);
    assertTrue(e.getMessage().contains(bad) && e.getMessage().contains(parentSlide),
        "message should name " + bad + " and the parent slide " + parentSlide + ": " + e.getMessage());
  }

  /** The guide: window operations persist what they read, without a persist() call. */
  @Test
  void windowOperationsPersistTheirInputsImplicitly() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, Integer> pairs = pairs(t);
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      numbers.window(TWO);
      PairDStream<String, Integer> incremental = pairs.reduceByKeyAndWindow(SUM, MINUS, TWO, ONE);
      assertEquals(StorageLevel.MEMORY_ONLY_SER, numbers.storageLevel());
      assertEquals(StorageLevel.MEMORY_ONLY_SER, incremental.storageLevel());
    }
  }

  // ---------------------------------------------------------------- reduceByKeyAndWindow

  @Test
  void reduceByKeyAndWindowReducesEachWindow() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, Integer> pairs = pairs(t);
      PairDStream<String, Integer> twoByOne = pairs.reduceByKeyAndWindow(SUM, TWO);
      PairDStream<String, Integer> threeByTwo = pairs.reduceByKeyAndWindow(SUM, THREE, TWO);
      PairDStream<String, Integer> threeByTwoIn3 = pairs.reduceByKeyAndWindow(SUM, THREE, TWO, 3);
      BatchOutputs<Tuple2<String, Integer>> outTwoByOne = BatchOutputs.capture(twoByOne);
      BatchOutputs<Tuple2<String, Integer>> outThreeByTwo = BatchOutputs.capture(threeByTwo);
      BatchOutputs<Tuple2<String, Integer>> outThreeByTwoIn3 = BatchOutputs.capture(threeByTwoIn3);
      RddShapes shapesDefault = RddShapes.capture(threeByTwo);
      RddShapes shapesIn3 = RddShapes.capture(threeByTwoIn3);
      t.start();
      t.runBatches(BATCHES);

      ExpectedBatches.<Tuple2<String, Integer>>expect().at(1000, kv("a", 1), kv("b", 2))
          .at(2000, kv("a", 4), kv("b", 2))
          .at(3000, kv("a", 3))
          .at(4000, kv("b", 4), kv("c", 5))
          .at(5000, kv("b", 4), kv("c", 5))
          .at(6000, kv("a", 13))
          .at(7000, kv("a", 13))
          .at(8000)
          .at(9000)
          .at(10000)
          .assertMatches(outTwoByOne, "reduceByKeyAndWindow(+, 2 s)");
      var threeByTwoExpected = ExpectedBatches.<Tuple2<String, Integer>>expect().at(2000, kv("a", 4), kv("b", 2))
          .at(4000, kv("a", 3), kv("b", 4), kv("c", 5))
          .at(6000, kv("a", 13), kv("b", 4), kv("c", 5))
          .at(8000, kv("a", 13))
          .at(10000);
      threeByTwoExpected.assertMatches(outThreeByTwo, "reduceByKeyAndWindow(+, 3 s, 2 s)");
      threeByTwoExpected.assertMatches(outThreeByTwoIn3, "reduceByKeyAndWindow(+, 3 s, 2 s, 3)");
      assertEquals(List.of(2000L, 4000L, 6000L, 8000L, 10000L), List.copyOf(shapesDefault.byTime().keySet()));
      assertEquals(List.of(2000L, 4000L, 6000L, 8000L, 10000L), List.copyOf(shapesIn3.byTime().keySet()));
      int defaultParallelism = t.ssc().sluiceContext().defaultParallelism();
      shapesDefault.byTime().forEach((time, shape) -> assertEquals(
          new RddShapes.Shape(defaultParallelism, Optional.of(new HashPartitioner(defaultParallelism))), shape,
          "default partitioning at " + time));
      shapesIn3.byTime().forEach((time, shape) -> assertEquals(
          new RddShapes.Shape(3, Optional.of(new HashPartitioner(3))), shape, "3 partitions at " + time));
    }
  }

  /**
   * With an inverse function the window is computed incrementally, and a key whose value has gone
   * back to the zero (here 0) stays in the window: Spark keeps it unless a filter removes it.
   */
  @ParameterizedTest(name = "serializer {0}")
  @ValueSource(strings = {"kryo", "java"})
  void inverseReduceKeepsKeysThatReturnToZero(String serializer) {
    try (ManualStreaming t = ManualStreaming.shared(ManualStreaming.conf(TestMasters.operations()).set("sluice.serializer", serializer),
        ONE)) {
      t.ssc().checkpoint(checkpointDir.toString());
      PairDStream<String, Integer> pairs = pairs(t);
      BatchOutputs<Tuple2<String, Integer>> twoByOne =
          BatchOutputs.capture(pairs.reduceByKeyAndWindow(SUM, MINUS, TWO, ONE));
      BatchOutputs<Tuple2<String, Integer>> threeByTwo =
          BatchOutputs.capture(pairs.reduceByKeyAndWindow(SUM, MINUS, THREE, TWO));
      PairDStream<String, Integer> threeByTwoIn3Stream = pairs.reduceByKeyAndWindow(SUM, MINUS, THREE, TWO, 3);
      BatchOutputs<Tuple2<String, Integer>> threeByTwoIn3 = BatchOutputs.capture(threeByTwoIn3Stream);
      RddShapes shapesIn3 = RddShapes.capture(threeByTwoIn3Stream);
      BatchOutputs<Tuple2<String, Integer>> tumbling =
          BatchOutputs.capture(pairs.reduceByKeyAndWindow(SUM, MINUS, TWO, TWO));
      t.start();
      t.runBatches(BATCHES);

      ExpectedBatches.<Tuple2<String, Integer>>expect().at(1000, kv("a", 1), kv("b", 2))
          .at(2000, kv("a", 4), kv("b", 2))
          .at(3000, kv("a", 3), kv("b", 0))
          .at(4000, kv("a", 0), kv("b", 4), kv("c", 5))
          .at(5000, kv("a", 0), kv("b", 4), kv("c", 5))
          .at(6000, kv("a", 13), kv("b", 0), kv("c", 0))
          .at(7000, kv("a", 13), kv("b", 0), kv("c", 0))
          .atEach(times(8000, 10000, 1000), kv("a", 0), kv("b", 0), kv("c", 0))
          .assertMatches(twoByOne, "reduceByKeyAndWindow(+, -, 2 s, 1 s)");
      var threeByTwoExpected = ExpectedBatches.<Tuple2<String, Integer>>expect().at(2000, kv("a", 4), kv("b", 2))
          .at(4000, kv("a", 3), kv("b", 4), kv("c", 5))
          .at(6000, kv("a", 13), kv("b", 4), kv("c", 5))
          .at(8000, kv("a", 13), kv("b", 0), kv("c", 0))
          .at(10000, kv("a", 0), kv("b", 0), kv("c", 0));
      threeByTwoExpected.assertMatches(threeByTwo, "reduceByKeyAndWindow(+, -, 3 s, 2 s)");
      threeByTwoExpected.assertMatches(threeByTwoIn3, "reduceByKeyAndWindow(+, -, 3 s, 2 s, 3)");
      // Tumbling: each window removes the whole previous one and adds two new batches.
      ExpectedBatches.<Tuple2<String, Integer>>expect().at(2000, kv("a", 4), kv("b", 2))
          .at(4000, kv("a", 0), kv("b", 4), kv("c", 5))
          .at(6000, kv("a", 13), kv("b", 0), kv("c", 0))
          .atEach(times(8000, 10000, 2000), kv("a", 0), kv("b", 0), kv("c", 0))
          .assertMatches(tumbling, "reduceByKeyAndWindow(+, -, 2 s, 2 s)");
      assertEquals(List.of(2000L, 4000L, 6000L, 8000L, 10000L), List.copyOf(shapesIn3.byTime().keySet()));
      shapesIn3.byTime().forEach((time, shape) -> assertEquals(
          new RddShapes.Shape(3, Optional.of(new HashPartitioner(3))), shape, "3 partitions at " + time));
    }
  }

  /** The filter runs on every window, so dropped keys also leave the state the next window starts from. */
  @Test
  void inverseReduceWithFilterDropsKeysThatReturnToZero() {
    try (ManualStreaming t = streaming()) {
      t.ssc().checkpoint(checkpointDir.toString());
      PairDStream<String, Integer> pairs = pairs(t);
      BatchOutputs<Tuple2<String, Integer>> twoByOne = BatchOutputs.capture(
          pairs.reduceByKeyAndWindow(SUM, MINUS, TWO, ONE, 2, kv -> kv._2() != 0));
      BatchOutputs<Tuple2<String, Integer>> threeByTwo = BatchOutputs.capture(
          pairs.reduceByKeyAndWindow(SUM, MINUS, THREE, TWO, 3, kv -> kv._2() != 0));
      t.start();
      t.runBatches(BATCHES);

      // Identical to the plain reduceByKeyAndWindow: "a" is dropped at 4000 ms and comes back at 6000 ms.
      ExpectedBatches.<Tuple2<String, Integer>>expect().at(1000, kv("a", 1), kv("b", 2))
          .at(2000, kv("a", 4), kv("b", 2))
          .at(3000, kv("a", 3))
          .at(4000, kv("b", 4), kv("c", 5))
          .at(5000, kv("b", 4), kv("c", 5))
          .at(6000, kv("a", 13))
          .at(7000, kv("a", 13))
          .at(8000)
          .at(9000)
          .at(10000)
          .assertMatches(twoByOne, "filtered 2 s / 1 s");
      ExpectedBatches.<Tuple2<String, Integer>>expect().at(2000, kv("a", 4), kv("b", 2))
          .at(4000, kv("a", 3), kv("b", 4), kv("c", 5))
          .at(6000, kv("a", 13), kv("b", 4), kv("c", 5))
          .at(8000, kv("a", 13))
          .at(10000)
          .assertMatches(threeByTwo, "filtered 3 s / 2 s");
    }
  }

  @Test
  void inverseReduceNeedsACheckpointDirectory() {
    assertStartFailsWithoutCheckpointDir(t -> pairs(t).reduceByKeyAndWindow(SUM, MINUS, TWO, ONE));
    assertStartFailsWithoutCheckpointDir(t -> t.queueOf(NUMBERS, 2).countByWindow(TWO, ONE));
    assertStartFailsWithoutCheckpointDir(t -> t.queueOf(NUMBERS, 2).reduceByWindow(SUM, MINUS, TWO, ONE));
    assertStartFailsWithoutCheckpointDir(t -> t.queueOf(WORDS, 2).countByValueAndWindow(TWO, ONE));
  }

  private static void assertStartFailsWithoutCheckpointDir(java.util.function.Function<ManualStreaming, DStream<?>> op) {
    try (ManualStreaming t = streaming()) {
      op.apply(t).print();
      SluiceException e = assertThrows(SluiceException.class, t::start);
      assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("checkpoint"), e.getMessage());
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
    }
  }

  // ---------------------------------------------------------------- groupByKeyAndWindow

  @Test
  void groupByKeyAndWindowGroupsEachWindow() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, Integer> pairs = pairs(t);
      PairDStream<String, Iterable<Integer>> threeByTwoIn3 = pairs.groupByKeyAndWindow(THREE, TWO, 3);
      BatchOutputs<Tuple2<String, List<Integer>>> twoByOne =
          BatchOutputs.capture(pairs.groupByKeyAndWindow(TWO).mapValues(TestData::sortedList));
      BatchOutputs<Tuple2<String, List<Integer>>> twoByOneExplicit =
          BatchOutputs.capture(pairs.groupByKeyAndWindow(TWO, ONE).mapValues(TestData::sortedList));
      BatchOutputs<Tuple2<String, List<Integer>>> threeByTwo =
          BatchOutputs.capture(threeByTwoIn3.mapValues(TestData::sortedList));
      RddShapes shapes = RddShapes.capture(threeByTwoIn3);
      t.start();
      t.runBatches(BATCHES);

      var twoByOneExpected = ExpectedBatches.<Tuple2<String, List<Integer>>>expect().at(1000, kv("a", List.of(1)), kv("b", List.of(2)))
          .at(2000, kv("a", List.of(1, 3)), kv("b", List.of(2)))
          .at(3000, kv("a", List.of(3)))
          .at(4000, kv("b", List.of(4)), kv("c", List.of(5)))
          .at(5000, kv("b", List.of(4)), kv("c", List.of(5)))
          .at(6000, kv("a", List.of(6, 7)))
          .at(7000, kv("a", List.of(6, 7)))
          .at(8000)
          .at(9000)
          .at(10000);
      twoByOneExpected.assertMatches(twoByOne, "groupByKeyAndWindow(2 s)");
      twoByOneExpected.assertMatches(twoByOneExplicit, "groupByKeyAndWindow(2 s, 1 s)");
      ExpectedBatches.<Tuple2<String, List<Integer>>>expect().at(2000, kv("a", List.of(1, 3)), kv("b", List.of(2)))
          .at(4000, kv("a", List.of(3)), kv("b", List.of(4)), kv("c", List.of(5)))
          .at(6000, kv("a", List.of(6, 7)), kv("b", List.of(4)), kv("c", List.of(5)))
          .at(8000, kv("a", List.of(6, 7)))
          .at(10000)
          .assertMatches(threeByTwo, "groupByKeyAndWindow(3 s, 2 s, 3)");
      assertEquals(List.of(2000L, 4000L, 6000L, 8000L, 10000L), List.copyOf(shapes.byTime().keySet()));
      shapes.byTime().forEach((time, shape) -> assertEquals(3, shape.numPartitions(), "partitions at " + time));
    }
  }

  // ---------------------------------------------------------------- countByWindow, reduceByWindow, countByValueAndWindow

  @Test
  void countByWindowCountsAndEmitsZeroForEmptyWindowsOnceStarted() {
    try (ManualStreaming t = streaming()) {
      t.ssc().checkpoint(checkpointDir.toString());
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      BatchOutputs<Long> twoByOne = BatchOutputs.capture(numbers.countByWindow(TWO, ONE));
      BatchOutputs<Long> threeByTwo = BatchOutputs.capture(numbers.countByWindow(THREE, TWO));
      t.start();
      t.runBatches(BATCHES);

      ExpectedBatches.<Long>expect().at(1000, 2L).at(2000, 3L).at(3000, 1L).at(4000, 2L).at(5000, 2L).at(6000, 2L).at(7000, 2L)
          .at(8000, 0L).at(9000, 0L).at(10000, 0L)
          .assertMatches(twoByOne, "countByWindow(2 s, 1 s)");
      ExpectedBatches.<Long>expect().at(2000, 3L).at(4000, 3L).at(6000, 4L).at(8000, 2L).at(10000, 0L)
          .assertMatches(threeByTwo, "countByWindow(3 s, 2 s)");
    }
  }

  /**
   * Spark computes countByWindow as map(_ =&gt; 1L).reduceByWindow(_ + _, _ - _), which keys every
   * element by one constant key: until the first element arrives there is no key, so the first
   * (empty) windows emit no element at all, not 0; after that an empty window emits 0.
   */
  @Test
  void countByWindowEmitsNothingBeforeTheFirstElementLikeSpark() {
    try (ManualStreaming t = streaming()) {
      t.ssc().checkpoint(checkpointDir.toString());
      DStream<String> late = t.queueOf(List.of(List.of(), List.of(), List.of("x"), List.of(), List.of()), 1);
      BatchOutputs<Long> out = BatchOutputs.capture(late.countByWindow(TWO, ONE));
      t.start();
      t.runBatches(6);

      ExpectedBatches.<Long>expect().at(1000).at(2000).at(3000, 1L).at(4000, 1L).at(5000, 0L).at(6000, 0L).assertMatches(out);
    }
  }

  @Test
  void reduceByWindowWithAndWithoutInverse() {
    try (ManualStreaming t = streaming()) {
      t.ssc().checkpoint(checkpointDir.toString());
      DStream<Integer> numbers = t.queueOf(NUMBERS, 2);
      BatchOutputs<Integer> plainTwoByOne = BatchOutputs.capture(numbers.reduceByWindow(SUM, TWO, ONE));
      BatchOutputs<Integer> inverseTwoByOne = BatchOutputs.capture(numbers.reduceByWindow(SUM, MINUS, TWO, ONE));
      BatchOutputs<Integer> plainThreeByTwo = BatchOutputs.capture(numbers.reduceByWindow(SUM, THREE, TWO));
      BatchOutputs<Integer> inverseThreeByTwo = BatchOutputs.capture(numbers.reduceByWindow(SUM, MINUS, THREE, TWO));
      t.start();
      t.runBatches(BATCHES);

      // Without an inverse an empty window reduces to nothing; with one, the constant key stays at 0.
      ExpectedBatches.<Integer>expect().at(1000, 3).at(2000, 6).at(3000, 3).at(4000, 9).at(5000, 9).at(6000, 13).at(7000, 13)
          .at(8000).at(9000).at(10000)
          .assertMatches(plainTwoByOne, "reduceByWindow(+, 2 s, 1 s)");
      ExpectedBatches.<Integer>expect().at(1000, 3).at(2000, 6).at(3000, 3).at(4000, 9).at(5000, 9).at(6000, 13).at(7000, 13)
          .at(8000, 0).at(9000, 0).at(10000, 0)
          .assertMatches(inverseTwoByOne, "reduceByWindow(+, -, 2 s, 1 s)");
      ExpectedBatches.<Integer>expect().at(2000, 6).at(4000, 12).at(6000, 22).at(8000, 13).at(10000)
          .assertMatches(plainThreeByTwo, "reduceByWindow(+, 3 s, 2 s)");
      ExpectedBatches.<Integer>expect().at(2000, 6).at(4000, 12).at(6000, 22).at(8000, 13).at(10000, 0)
          .assertMatches(inverseThreeByTwo, "reduceByWindow(+, -, 3 s, 2 s)");
    }
  }

  @Test
  void countByValueAndWindowCountsEachValueAndDropsZeroCounts() {
    try (ManualStreaming t = streaming()) {
      t.ssc().checkpoint(checkpointDir.toString());
      DStream<String> words = t.queueOf(WORDS, 2);
      BatchOutputs<Tuple2<String, Long>> twoByOne = BatchOutputs.capture(words.countByValueAndWindow(TWO, ONE));
      PairDStream<String, Long> threeByTwoStream = words.countByValueAndWindow(THREE, TWO, 3);
      BatchOutputs<Tuple2<String, Long>> threeByTwo = BatchOutputs.capture(threeByTwoStream);
      RddShapes shapes = RddShapes.capture(threeByTwoStream);
      t.start();
      t.runBatches(BATCHES);

      ExpectedBatches.<Tuple2<String, Long>>expect().at(1000, kv("a", 1L), kv("b", 1L))
          .at(2000, kv("a", 2L), kv("b", 1L))
          .at(3000, kv("a", 1L))
          .at(4000, kv("b", 1L), kv("c", 1L))
          .at(5000, kv("b", 1L), kv("c", 1L))
          .at(6000, kv("a", 2L))
          .at(7000, kv("a", 2L))
          .at(8000)
          .at(9000)
          .at(10000)
          .assertMatches(twoByOne, "countByValueAndWindow(2 s, 1 s)");
      ExpectedBatches.<Tuple2<String, Long>>expect().at(2000, kv("a", 2L), kv("b", 1L))
          .at(4000, kv("a", 1L), kv("b", 1L), kv("c", 1L))
          .at(6000, kv("a", 2L), kv("b", 1L), kv("c", 1L))
          .at(8000, kv("a", 2L))
          .at(10000)
          .assertMatches(threeByTwo, "countByValueAndWindow(3 s, 2 s, 3)");
      assertEquals(List.of(2000L, 4000L, 6000L, 8000L, 10000L), List.copyOf(shapes.byTime().keySet()));
      shapes.byTime().forEach((time, shape) -> assertEquals(3, shape.numPartitions(), "partitions at " + time));
    }
  }
}
