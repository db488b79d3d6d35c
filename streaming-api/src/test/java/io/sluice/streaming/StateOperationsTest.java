package io.sluice.streaming;

import io.sluice.internal.access.Internals;
import io.sluice.testing.TestMasters;
import static io.sluice.testing.ExpectedBatches.times;
import static io.sluice.testing.TestData.kv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.api.function.Function2;
import io.sluice.core.HashPartitioner;
import io.sluice.core.PairRDD;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.testing.BatchOutputs;
import io.sluice.testing.ExpectedBatches;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RddShapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * updateStateByKey, batch by batch: the update function runs every batch for every key that has
 * state or new values (with an empty list when it has no new values), an empty result removes the
 * key, and an initial state RDD is the state before the first batch. Batch interval 1 s on a
 * manual clock from 0, so batch i runs at i * 1000 ms.
 */
class StateOperationsTest {
  private static final Duration ONE = Durations.seconds(1);

  @TempDir
  Path checkpointDir;

  /** Running sum: the guide's updateFunction. */
  private static final Function2<List<Integer>, Optional<Integer>, Optional<Integer>> RUNNING_SUM =
      (values, state) -> {
        int sum = state.orElse(0);
        for (int v : values) {
          sum += v;
        }
        return Optional.of(sum);
      };

  private ManualStreaming streaming() {
    return streaming(ManualStreaming.conf(TestMasters.operations()));
  }

  private ManualStreaming streaming(SluiceConf conf) {
    ManualStreaming t = ManualStreaming.shared(conf, ONE);
    t.ssc().checkpoint(checkpointDir.toString());
    return t;
  }

  private static PairDStream<String, Integer> words(ManualStreaming t, List<List<String>> batches) {
    return t.queueOf(batches, 2).mapToPair(w -> new Tuple2<>(w, 1));
  }

  private static PairDStream<String, Integer> pairs(ManualStreaming t, List<List<Tuple2<String, Integer>>> batches) {
    return PairDStream.fromDStream(t.queueOf(batches, 2));
  }

  @ParameterizedTest(name = "serializer {0}")
  @ValueSource(strings = {"kryo", "java"})
  void runningCountsAcrossBatches(String serializer) {
    try (ManualStreaming t = streaming(ManualStreaming.conf(TestMasters.operations()).set("sluice.serializer", serializer))) {
      PairDStream<String, Integer> counts = words(t, List.of(
          List.of("a", "b", "a"), List.of("b"), List.of(), List.of("c", "a"))).updateStateByKey(RUNNING_SUM);
      BatchOutputs<Tuple2<String, Integer>> out = BatchOutputs.capture(counts);
      t.start();
      t.runBatches(5);

      ExpectedBatches.<Tuple2<String, Integer>>expect()
          .at(1000, kv("a", 2), kv("b", 1))
          .at(2000, kv("a", 2), kv("b", 2))
          .at(3000, kv("a", 2), kv("b", 2))               // an empty batch keeps every key
          .atEach(times(4000, 5000, 1000), kv("a", 3), kv("b", 2), kv("c", 1))
          .assertMatches(out);
    }
  }

  /**
   * The state logs each call: "new" when the function got no state, then the new values it got.
   * Keys with state but no new values are still called, with an empty list, every batch
   * (including a batch with no data at all).
   */
  @Test
  void updateRunsEveryBatchForEveryKeyWithStateOrValues() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, String> log = pairs(t, List.of(
          List.of(kv("a", 1), kv("a", 2)), List.of(kv("b", 3)), List.of(), List.of(kv("a", 4))))
          .updateStateByKey((List<Integer> values, Optional<String> state) -> {
            List<Integer> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return Optional.of(state.orElse("new") + ";" + sorted);
          });
      BatchOutputs<Tuple2<String, String>> out = BatchOutputs.capture(log);
      t.start();
      t.runBatches(5);

      ExpectedBatches.<Tuple2<String, String>>expect()
          .at(1000, kv("a", "new;[1, 2]"))
          .at(2000, kv("a", "new;[1, 2];[]"), kv("b", "new;[3]"))
          .at(3000, kv("a", "new;[1, 2];[];[]"), kv("b", "new;[3];[]"))
          .at(4000, kv("a", "new;[1, 2];[];[];[4]"), kv("b", "new;[3];[];[]"))
          .at(5000, kv("a", "new;[1, 2];[];[];[4];[]"), kv("b", "new;[3];[];[];[]"))
          .assertMatches(out);
    }
  }

  @Test
  void returningEmptyRemovesTheKey() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, Integer> input = pairs(t, List.of(
          List.of(kv("a", 1), kv("b", 1)), List.of(kv("a", 1), kv("b", 0)), List.of(kv("b", 5)), List.of()));
      // A 0 among the new values resets the key; it comes back without state.
      PairDStream<String, Integer> resetOnZero = input.updateStateByKey(
          (List<Integer> values, Optional<Integer> state) -> values.contains(0)
              ? Optional.empty() : RUNNING_SUM.call(values, state));
      // A key expires in the first batch without new values.
      PairDStream<String, Integer> expireWhenIdle = input.updateStateByKey(
          (List<Integer> values, Optional<Integer> state) -> values.isEmpty()
              ? Optional.empty() : RUNNING_SUM.call(values, state));
      BatchOutputs<Tuple2<String, Integer>> reset = BatchOutputs.capture(resetOnZero);
      BatchOutputs<Tuple2<String, Integer>> idle = BatchOutputs.capture(expireWhenIdle);
      t.start();
      t.runBatches(5);

      ExpectedBatches.<Tuple2<String, Integer>>expect()
          .at(1000, kv("a", 1), kv("b", 1))
          .at(2000, kv("a", 2))
          .atEach(times(3000, 5000, 1000), kv("a", 2), kv("b", 5))   // b starts again from no state
          .assertMatches(reset, "reset on 0");
      ExpectedBatches.<Tuple2<String, Integer>>expect()
          .at(1000, kv("a", 1), kv("b", 1))
          .at(2000, kv("a", 2), kv("b", 1))
          .at(3000, kv("b", 6))
          .at(4000)
          .at(5000)
          .assertMatches(idle, "expire when idle");
    }
  }

  @Test
  void initialStateIsTheStateBeforeTheFirstBatch() {
    try (ManualStreaming t = streaming()) {
      PairRDD<String, Integer> initial = t.ssc().sluiceContext().parallelizePairs(List.of(kv("a", 10), kv("z", 5)), 2);
      PairDStream<String, Integer> counts = pairs(t, List.of(
          List.of(kv("a", 1), kv("b", 2)), List.of(kv("z", 1)), List.of()))
          .updateStateByKey(RUNNING_SUM, new HashPartitioner(2), initial);
      BatchOutputs<Tuple2<String, Integer>> out = BatchOutputs.capture(counts);
      t.start();
      t.runBatches(4);

      // z has initial state and no values in batch 1: it is kept. The initial state counts once.
      ExpectedBatches.<Tuple2<String, Integer>>expect()
          .at(1000, kv("a", 11), kv("b", 2), kv("z", 5))
          .atEach(times(2000, 4000, 1000), kv("a", 11), kv("b", 2), kv("z", 6))
          .assertMatches(out);
    }
  }

  @Test
  void initialStateKeysAreUpdatedInTheFirstBatchEvenIfItIsEmpty() {
    try (ManualStreaming t = streaming()) {
      PairRDD<String, Integer> initial = t.ssc().sluiceContext().parallelizePairs(List.of(kv("a", 10)), 1);
      PairDStream<String, String> log = pairs(t, List.of(List.of(), List.of(kv("a", 1))))
          .updateStateByKey((List<Integer> values, Optional<String> state) ->
              Optional.of(state.orElse("new") + ";" + values), new HashPartitioner(2),
              initial.mapValues(v -> "init" + v));
      BatchOutputs<Tuple2<String, String>> out = BatchOutputs.capture(log);
      t.start();
      t.runBatches(2);

      ExpectedBatches.<Tuple2<String, String>>expect()
          .at(1000, kv("a", "init10;[]"))
          .at(2000, kv("a", "init10;[];[1]"))
          .assertMatches(out);
    }
  }

  /** Partitions keys by their first letter, so tests can tell it from hash partitioning. */
  static final class FirstLetterPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    FirstLetterPartitioner(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (key.toString().charAt(0) - 'a') % partitions;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FirstLetterPartitioner other && other.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }

  /** Each record as "partition:key", to check where the state's keys live. */
  private static <V> DStream<String> placement(DStream<Tuple2<String, V>> stream) {
    return stream.transform((RDD<Tuple2<String, V>> rdd) -> rdd.mapPartitionsWithIndex(
        (Integer index, Iterator<Tuple2<String, V>> it) -> {
          List<String> out = new ArrayList<>();
          it.forEachRemaining(kv -> out.add(index + ":" + kv._1()));
          return out.iterator();
        }));
  }

  @Test
  void everyOverloadComputesTheSameStateWithItsPartitioning() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, Integer> input = words(t, List.of(List.of("a", "b", "c", "d"), List.of("a", "e"), List.of()));
      Partitioner byLetter = new FirstLetterPartitioner(3);
      PairRDD<String, Integer> initial = t.ssc().sluiceContext().parallelizePairs(List.of(kv("d", 100)), 1);

      PairDStream<String, Integer> byDefault = input.updateStateByKey(RUNNING_SUM);
      PairDStream<String, Integer> inThree = input.updateStateByKey(RUNNING_SUM, 3);
      PairDStream<String, Integer> withPartitioner = input.updateStateByKey(RUNNING_SUM, byLetter);
      PairDStream<String, Integer> withInitial = input.updateStateByKey(RUNNING_SUM, byLetter, initial);
      List<BatchOutputs<Tuple2<String, Integer>>> outs = Stream.of(byDefault, inThree, withPartitioner)
          .map(BatchOutputs::capture).toList();
      BatchOutputs<Tuple2<String, Integer>> outInitial = BatchOutputs.capture(withInitial);
      RddShapes shapesDefault = RddShapes.capture(byDefault);
      RddShapes shapesThree = RddShapes.capture(inThree);
      RddShapes shapesPartitioner = RddShapes.capture(withPartitioner);
      RddShapes shapesInitial = RddShapes.capture(withInitial);
      BatchOutputs<String> placementThree = BatchOutputs.capture(placement(inThree));
      BatchOutputs<String> placementByLetter = BatchOutputs.capture(placement(withInitial));
      t.start();
      t.runBatches(3);

      for (BatchOutputs<Tuple2<String, Integer>> out : outs) {
        ExpectedBatches.<Tuple2<String, Integer>>expect()
            .at(1000, kv("a", 1), kv("b", 1), kv("c", 1), kv("d", 1))
            .atEach(times(2000, 3000, 1000), kv("a", 2), kv("b", 1), kv("c", 1), kv("d", 1), kv("e", 1))
            .assertMatches(out);
      }
      ExpectedBatches.<Tuple2<String, Integer>>expect()
          .at(1000, kv("a", 1), kv("b", 1), kv("c", 1), kv("d", 101))
          .atEach(times(2000, 3000, 1000), kv("a", 2), kv("b", 1), kv("c", 1), kv("d", 101), kv("e", 1))
          .assertMatches(outInitial, "with initial state");

      int parallelism = t.ssc().sluiceContext().defaultParallelism();
      assertShapes(shapesDefault, new RddShapes.Shape(parallelism, Optional.of(new HashPartitioner(parallelism))));
      assertShapes(shapesThree, new RddShapes.Shape(3, Optional.of(new HashPartitioner(3))));
      assertShapes(shapesPartitioner, new RddShapes.Shape(3, Optional.of(byLetter)));
      assertShapes(shapesInitial, new RddShapes.Shape(3, Optional.of(byLetter)));
      HashPartitioner hash3 = new HashPartitioner(3);
      for (List<String> batch : placementThree.sortedBatches()) {
        for (String record : batch) {
          String key = record.substring(record.indexOf(':') + 1);
          assertEquals(hash3.getPartition(key) + ":" + key, record, "hash placement");
        }
      }
      ExpectedBatches.<String>expect()
          .at(1000, "0:a", "0:d", "1:b", "2:c")
          .atEach(times(2000, 3000, 1000), "0:a", "0:d", "1:b", "1:e", "2:c")
          .assertMatches(placementByLetter, "placement by first letter");
    }
  }

  private static void assertShapes(RddShapes shapes, RddShapes.Shape expected) {
    assertEquals(List.of(1000L, 2000L, 3000L), List.copyOf(shapes.byTime().keySet()));
    shapes.byTime().forEach((time, shape) -> assertEquals(expected, shape, "shape at " + time));
  }

  @Test
  void stateOfAWindowedStreamUpdatesEverySlide() {
    try (ManualStreaming t = streaming()) {
      PairDStream<String, Integer> counts = words(t, List.of(List.of("a"), List.of("a", "b"), List.of(), List.of("b")))
          .window(Durations.seconds(2), Durations.seconds(2)).updateStateByKey(RUNNING_SUM);
      BatchOutputs<Tuple2<String, Integer>> out = BatchOutputs.capture(counts);
      t.start();
      t.runBatches(6);

      ExpectedBatches.<Tuple2<String, Integer>>expect()
          .at(2000, kv("a", 2), kv("b", 1))
          .at(4000, kv("a", 2), kv("b", 2))
          .at(6000, kv("a", 2), kv("b", 2))
          .assertMatches(out);
    }
  }

  // ---------------------------------------------------------------- checkpointing

  @Test
  void startFailsWithoutACheckpointDirectory() {
    for (int variant = 0; variant < 2; variant++) {
      try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), ONE)) {
        PairDStream<String, Integer> input = words(t, List.of(List.of("a")));
        PairDStream<String, Integer> state = variant == 0
            ? input.updateStateByKey(RUNNING_SUM)
            : input.updateStateByKey(RUNNING_SUM, new HashPartitioner(2),
                t.ssc().sluiceContext().parallelizePairs(List.of(kv("a", 1)), 1));
        state.print();
        SluiceException e = assertThrows(SluiceException.class, t::start);
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("checkpoint directory"), e.getMessage());
        assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
      }
    }
  }

  /** The guide: the default checkpoint interval of a stateful stream is a multiple of the slide of at least 10 s. */
  @Test
  void defaultCheckpointIntervalIsTheFirstMultipleOfTheSlideFromTenSeconds() {
    for (long batchSeconds : new long[] {1, 3}) {
      Duration batch = Durations.seconds(batchSeconds);
      try (ManualStreaming t = ManualStreaming.shared(ManualStreaming.conf(TestMasters.operations()), batch)) {
        t.ssc().checkpoint(checkpointDir.resolve("b" + batchSeconds).toString());
        PairDStream<String, Integer> state = words(t, List.of(List.of("a"))).updateStateByKey(RUNNING_SUM);
        state.print();
        t.start();
        assertEquals(Optional.of(Durations.seconds(batchSeconds == 1 ? 10 : 12)), state.checkpointInterval());
        assertEquals(StorageLevel.MEMORY_ONLY_SER, state.storageLevel());
      }
    }
  }

  @Test
  void checkpointIntervalMustBeAMultipleOfTheSlide() {
    try (ManualStreaming t = streaming()) {
      words(t, List.of(List.of("a"))).updateStateByKey(RUNNING_SUM).checkpoint(Durations.milliseconds(1500)).print();
      SluiceException e = assertThrows(SluiceException.class, t::start);
      assertTrue(e.getMessage().contains("1500 ms") && e.getMessage().contains("1000 ms"), e.getMessage());
    }
  }

  /**
   * With the state checkpointed every 2 batches, later states are computed from checkpoint files
   * (lineage cut) and stay exact; the files are under {@code <dir>/rdds/<uuid>}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // arrays of a generic record type
  @Test
  void stateStaysExactAcrossRddCheckpoints() throws IOException {
    try (ManualStreaming t = streaming()) {
      List<List<String>> batches = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        batches.add(i % 3 == 0 ? List.of() : List.of("k" + (i % 2), "k" + (i % 2), "x"));
      }
      PairDStream<String, Integer> state = words(t, batches).updateStateByKey(RUNNING_SUM)
          .checkpoint(Durations.seconds(2));
      BatchOutputs<Tuple2<String, Integer>> out = BatchOutputs.capture(state);
      t.start();
      t.runBatches(12);

      // Batches 3, 6, 9, 12 are empty; odd batches add 2 to k1, even ones 2 to k0; each non-empty one adds x.
      ExpectedBatches<Tuple2<String, Integer>> expected = ExpectedBatches.expect();
      int k0 = 0;
      int k1 = 0;
      int x = 0;
      for (int i = 1; i <= 12; i++) {
        if (i % 3 != 0) {
          if (i % 2 == 0) {
            k0 += 2;
          } else {
            k1 += 2;
          }
          x++;
        }
        List<Tuple2<String, Integer>> records = new ArrayList<>();
        if (k0 > 0) {
          records.add(kv("k0", k0));
        }
        records.add(kv("k1", k1));
        records.add(kv("x", x));
        expected.at(i * 1000L, records.toArray(Tuple2[]::new));
      }
      expected.assertMatches(out);
      // The end state written out by hand: k0 = 2 * |{2,4,8,10}|, k1 = 2 * |{1,5,7,11}|, x = 8.
      assertEquals(List.of(kv("k0", 8), kv("k1", 8), kv("x", 8)), out.sortedBatches().get(11));

      RDD<Tuple2<String, Integer>> at12 = state.generatedRdds().get(new Time(12000));
      assertTrue(at12.isCheckpointed(), "the state at 12000 ms (a checkpoint time) is checkpointed");
      assertTrue(Internals.rdd().dependencies(at12).isEmpty(), "a checkpointed state forgets its lineage");
      RDD<Tuple2<String, Integer>> at11 = state.generatedRdds().get(new Time(11000));
      assertFalse(at11.isCheckpointed(), "11000 ms is not a checkpoint time");
      // As Spark does, the context checkpoints RDDs into a fresh subdirectory: <dir>/rdds/<uuid>/rdd-<id>.
      try (Stream<Path> files = Files.walk(checkpointDir.resolve("rdds"))) {
        assertFalse(files.filter(p -> p.getFileName().toString().startsWith("rdd-")).toList().isEmpty(),
            "RDD checkpoints under <dir>/rdds");
      }
    }
  }

  /**
   * With the guide's default checkpoint interval (at least 10 s) and 10 ms batches, the state's
   * lineage reaches hundreds of levels before it is cut, and every batch's tasks carry it: their
   * (de)serialization recurses once per level, which overflowed a default thread stack after
   * about 300 batches. The job and task threads have stacks deep enough for it.
   */
  @Test
  void stateSurvivesTheDeepLineageOfShortBatchesBetweenCheckpoints() throws Exception {
    int batches = 450;
    List<List<String>> input = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      input.add(List.of("a"));
    }
    try (ManualStreaming t = new ManualStreaming(ManualStreaming.conf(TestMasters.operations()),
        Durations.milliseconds(10))) {
      t.ssc().checkpoint(checkpointDir.toString());
      List<Integer> totals = new java.util.concurrent.CopyOnWriteArrayList<>();
      words(t, input).updateStateByKey(RUNNING_SUM).foreachRDD(rdd -> rdd.collect().forEach(p -> totals.add(p._2())));
      t.start();
      t.runBatches(batches);
      assertEquals(batches, totals.size());
      assertEquals(batches, totals.get(batches - 1));
    }
  }
}
