package io.sluice.streaming;

import io.sluice.testing.TestMasters;
import static io.sluice.testing.TestData.kv;
import static io.sluice.testing.TestData.none;
import static io.sluice.testing.TestData.some;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.HashPartitioner;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.testing.BatchOutputs;
import io.sluice.testing.ExpectedBatches;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RddShapes;
import io.sluice.testing.TestData;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Joins batch by batch, over windows, through transformWith, and with a static dataset through
 * transform. Batch interval 1 s on a manual clock from 0, so batch i runs at i * 1000 ms.
 *
 * <p>Keys: "a" is on both sides in batch 1 but only on the left in batch 2; "b" is left-only; "c"
 * is right-only in batch 1 and on both sides, twice each, in batch 4; "d" is right-only.
 */
class JoinOperationsTest {
  private static final List<List<Tuple2<String, Integer>>> LEFT = List.of(
      List.of(kv("a", 1), kv("b", 2)),
      List.of(kv("a", 3)),
      List.of(),
      List.of(kv("c", 4), kv("c", 6)));

  private static final List<List<Tuple2<String, String>>> RIGHT = List.of(
      List.of(kv("a", "x"), kv("c", "y")),
      List.of(),
      List.of(kv("d", "z")),
      List.of(kv("c", "w"), kv("c", "v")));

  /** The dataset the transform-based joins read; tests swap it between batches. */
  private static final AtomicReference<PairRDD<String, String>> DATASET = new AtomicReference<>();

  private static ManualStreaming streaming(String serializer) {
    return ManualStreaming.shared(ManualStreaming.conf(TestMasters.operations()).set("sluice.serializer", serializer),
        Durations.seconds(1));
  }

  private static PairDStream<String, Integer> left(ManualStreaming t) {
    return PairDStream.fromDStream(t.queueOf(LEFT, 2));
  }

  private static PairDStream<String, String> right(ManualStreaming t) {
    return PairDStream.fromDStream(t.queueOf(RIGHT, 2));
  }

  // ---------------------------------------------------------------- per batch

  @ParameterizedTest(name = "serializer {0}")
  @ValueSource(strings = {"kryo", "java"})
  void innerAndOuterJoinsPerBatch(String serializer) {
    try (ManualStreaming t = streaming(serializer)) {
      PairDStream<String, Integer> left = left(t);
      PairDStream<String, String> right = right(t);
      BatchOutputs<Tuple2<String, Tuple2<Integer, String>>> join = BatchOutputs.capture(left.join(right));
      BatchOutputs<Tuple2<String, Tuple2<Integer, Optional<String>>>> leftOuter =
          BatchOutputs.capture(left.leftOuterJoin(right));
      BatchOutputs<Tuple2<String, Tuple2<Optional<Integer>, String>>> rightOuter =
          BatchOutputs.capture(left.rightOuterJoin(right));
      BatchOutputs<Tuple2<String, Tuple2<Optional<Integer>, Optional<String>>>> fullOuter =
          BatchOutputs.capture(left.fullOuterJoin(right));
      t.start();
      t.runBatches(5);

      ExpectedBatches.<Tuple2<String, Tuple2<Integer, String>>>expect()
          .at(1000, kv("a", kv(1, "x")))
          .at(2000)
          .at(3000)
          .at(4000, kv("c", kv(4, "v")), kv("c", kv(4, "w")), kv("c", kv(6, "v")), kv("c", kv(6, "w")))
          .at(5000)
          .assertMatches(join, "join");
      ExpectedBatches.<Tuple2<String, Tuple2<Integer, Optional<String>>>>expect()
          .at(1000, kv("a", kv(1, some("x"))), kv("b", kv(2, none())))
          .at(2000, kv("a", kv(3, none())))
          .at(3000)
          .at(4000, kv("c", kv(4, some("v"))), kv("c", kv(4, some("w"))), kv("c", kv(6, some("v"))),
              kv("c", kv(6, some("w"))))
          .at(5000)
          .assertMatches(leftOuter, "leftOuterJoin");
      ExpectedBatches.<Tuple2<String, Tuple2<Optional<Integer>, String>>>expect()
          .at(1000, kv("a", kv(some(1), "x")), kv("c", kv(none(), "y")))
          .at(2000)
          .at(3000, kv("d", kv(none(), "z")))
          .at(4000, kv("c", kv(some(4), "v")), kv("c", kv(some(4), "w")), kv("c", kv(some(6), "v")),
              kv("c", kv(some(6), "w")))
          .at(5000)
          .assertMatches(rightOuter, "rightOuterJoin");
      ExpectedBatches.<Tuple2<String, Tuple2<Optional<Integer>, Optional<String>>>>expect()
          .at(1000, kv("a", kv(some(1), some("x"))), kv("b", kv(some(2), none())), kv("c", kv(none(), some("y"))))
          .at(2000, kv("a", kv(some(3), none())))
          .at(3000, kv("d", kv(none(), some("z"))))
          .at(4000, kv("c", kv(some(4), some("v"))), kv("c", kv(some(4), some("w"))), kv("c", kv(some(6), some("v"))),
              kv("c", kv(some(6), some("w"))))
          .at(5000)
          .assertMatches(fullOuter, "fullOuterJoin");
    }
  }

  @Test
  void cogroupPerBatchIncludesKeysOnOneSideOnly() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Tuple2<Iterable<Integer>, Iterable<String>>> cogrouped = left(t).cogroup(right(t));
      BatchOutputs<Tuple2<String, Tuple2<List<Integer>, List<String>>>> out = BatchOutputs.capture(
          cogrouped.mapValues(g -> new Tuple2<>(TestData.sortedList(g._1()), TestData.sortedList(g._2()))));
      t.start();
      t.runBatches(4);

      ExpectedBatches.<Tuple2<String, Tuple2<List<Integer>, List<String>>>>expect()
          .at(1000, kv("a", kv(List.of(1), List.of("x"))), kv("b", kv(List.of(2), List.of())),
              kv("c", kv(List.of(), List.of("y"))))
          .at(2000, kv("a", kv(List.of(3), List.of())))
          .at(3000, kv("d", kv(List.of(), List.of("z"))))
          .at(4000, kv("c", kv(List.of(4, 6), List.of("v", "w"))))
          .assertMatches(out);
    }
  }

  @Test
  void joinsWithAPartitionCountUseIt() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Integer> left = left(t);
      PairDStream<String, String> right = right(t);
      List<RddShapes> shapes = List.of(
          RddShapes.capture(left.join(right, 3)),
          RddShapes.capture(left.leftOuterJoin(right, 3)),
          RddShapes.capture(left.rightOuterJoin(right, 3)),
          RddShapes.capture(left.fullOuterJoin(right, 3)),
          RddShapes.capture(left.cogroup(right, 3)));
      BatchOutputs<Tuple2<String, Tuple2<Integer, String>>> join = BatchOutputs.capture(left.join(right, 3));
      t.start();
      t.runBatches(4);

      for (RddShapes s : shapes) {
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L), List.copyOf(s.byTime().keySet()));
        s.byTime().forEach((time, shape) -> assertEquals(3, shape.numPartitions(), "partitions at " + time));
      }
      RddShapes.Shape cogroupShape = shapes.get(4).byTime().get(1000L);
      assertEquals(Optional.of(new HashPartitioner(3)), cogroupShape.partitioner());
      ExpectedBatches.<Tuple2<String, Tuple2<Integer, String>>>expect()
          .at(1000, kv("a", kv(1, "x")))
          .at(2000)
          .at(3000)
          .at(4000, kv("c", kv(4, "v")), kv("c", kv(4, "w")), kv("c", kv(6, "v")), kv("c", kv(6, "w")))
          .assertMatches(join);
    }
  }

  @Test
  void selfJoinPairsEachBatchWithItself() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Integer> left = left(t);
      BatchOutputs<Tuple2<String, Tuple2<Integer, Integer>>> out = BatchOutputs.capture(left.join(left));
      t.start();
      t.runBatches(4);

      ExpectedBatches.<Tuple2<String, Tuple2<Integer, Integer>>>expect()
          .at(1000, kv("a", kv(1, 1)), kv("b", kv(2, 2)))
          .at(2000, kv("a", kv(3, 3)))
          .at(3000)
          .at(4000, kv("c", kv(4, 4)), kv("c", kv(4, 6)), kv("c", kv(6, 4)), kv("c", kv(6, 6)))
          .assertMatches(out);
    }
  }

  // ---------------------------------------------------------------- over windows

  @SuppressWarnings({"unchecked", "rawtypes"}) // arrays of a generic record type
  @Test
  void joinOfWindowsOfDifferentLengths() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Integer> left = left(t).window(Durations.seconds(2));
      PairDStream<String, String> right = right(t).window(Durations.seconds(3));
      BatchOutputs<Tuple2<String, Tuple2<Integer, String>>> join = BatchOutputs.capture(left.join(right));
      BatchOutputs<Tuple2<String, Tuple2<Integer, Optional<String>>>> leftOuter =
          BatchOutputs.capture(left.leftOuterJoin(right));
      t.start();
      t.runBatches(6);

      // Left windows: {a1,b2} {a1,b2,a3} {a3} {c4,c6} {c4,c6} {}.
      // Right windows: {ax,cy} {ax,cy} {ax,cy,dz} {dz,cw,cv} {dz,cw,cv} {cw,cv}.
      List<Tuple2<String, Tuple2<Integer, String>>> cs =
          List.of(kv("c", kv(4, "v")), kv("c", kv(4, "w")), kv("c", kv(6, "v")), kv("c", kv(6, "w")));
      ExpectedBatches.<Tuple2<String, Tuple2<Integer, String>>>expect()
          .at(1000, kv("a", kv(1, "x")))
          .at(2000, kv("a", kv(1, "x")), kv("a", kv(3, "x")))
          .at(3000, kv("a", kv(3, "x")))
          .atEach(new long[] {4000, 5000}, cs.toArray(Tuple2[]::new))
          .at(6000)
          .assertMatches(join, "join");
      List<Tuple2<String, Tuple2<Integer, Optional<String>>>> leftCs = List.of(kv("c", kv(4, some("v"))),
          kv("c", kv(4, some("w"))), kv("c", kv(6, some("v"))), kv("c", kv(6, some("w"))));
      ExpectedBatches.<Tuple2<String, Tuple2<Integer, Optional<String>>>>expect()
          .at(1000, kv("a", kv(1, some("x"))), kv("b", kv(2, none())))
          .at(2000, kv("a", kv(1, some("x"))), kv("a", kv(3, some("x"))), kv("b", kv(2, none())))
          .at(3000, kv("a", kv(3, some("x"))))
          .atEach(new long[] {4000, 5000}, leftCs.toArray(Tuple2[]::new))
          .at(6000)
          .assertMatches(leftOuter, "leftOuterJoin");
    }
  }

  @Test
  void joinOfWindowsSlidingTwoBatches() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Integer> left = left(t).window(Durations.seconds(2), Durations.seconds(2));
      PairDStream<String, String> right = right(t).window(Durations.seconds(4), Durations.seconds(2));
      BatchOutputs<Tuple2<String, Tuple2<Integer, String>>> join = BatchOutputs.capture(left.join(right));
      t.start();
      t.runBatches(6);

      // Left: @2 {a1,b2,a3} @4 {c4,c6} @6 {}; right: @2 {ax,cy} @4 {ax,cy,dz,cw,cv} @6 {dz,cw,cv}.
      ExpectedBatches.<Tuple2<String, Tuple2<Integer, String>>>expect()
          .at(2000, kv("a", kv(1, "x")), kv("a", kv(3, "x")))
          .at(4000, kv("c", kv(4, "v")), kv("c", kv(4, "w")), kv("c", kv(4, "y")),
              kv("c", kv(6, "v")), kv("c", kv(6, "w")), kv("c", kv(6, "y")))
          .at(6000)
          .assertMatches(join);
    }
  }

  @Test
  void joiningStreamsWithDifferentSlidesFailsNamingThem() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Integer> everyTwo = left(t).window(Durations.seconds(2), Durations.seconds(2));
      PairDStream<String, String> everyOne = right(t);
      SluiceException join = assertThrows(SluiceException.class, () -> everyTwo.join(everyOne));
      assertTrue(join.getMessage().contains("2000 ms") && join.getMessage().contains("1000 ms"), join.getMessage());
      SluiceException with = assertThrows(SluiceException.class,
          () -> everyTwo.transformWith(everyOne, (a, b, time) -> a));
      assertTrue(with.getMessage().contains("2000 ms") && with.getMessage().contains("1000 ms"), with.getMessage());
    }
  }

  // ---------------------------------------------------------------- transformWith and transform

  @Test
  void transformWithSeesBothBatchesAndTheBatchTime() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Integer> left = left(t);
      PairDStream<String, String> right = right(t);
      DStream<String> keysAt = left.transformWith(right,
          (RDD<Tuple2<String, Integer>> l, RDD<Tuple2<String, String>> r, Time time) -> {
            long ms = time.milliseconds();
            return l.map(Tuple2::_1).union(r.map(Tuple2::_1)).distinct().map(k -> k + "@" + ms);
          });
      // transformWith may join too, e.g. to keep only left records whose key the right batch lacks.
      DStream<Tuple2<String, Integer>> leftOnly = left.transformWith(right,
          (RDD<Tuple2<String, Integer>> l, RDD<Tuple2<String, String>> r, Time time) -> PairRDD.fromRDD(l)
              .leftOuterJoin(PairRDD.fromRDD(r)).filter(kv -> kv._2()._2().isEmpty()).mapValues(Tuple2::_1));
      // ...and a window transformed with a plain stream of the same slide.
      DStream<String> windowWith = left.window(Durations.seconds(2)).transformWith(right,
          (RDD<Tuple2<String, Integer>> l, RDD<Tuple2<String, String>> r, Time time) ->
              PairRDD.fromRDD(l).join(PairRDD.fromRDD(r)).map(kv -> kv._1() + kv._2()));
      BatchOutputs<String> keysOut = BatchOutputs.capture(keysAt);
      BatchOutputs<Tuple2<String, Integer>> leftOnlyOut = BatchOutputs.capture(leftOnly);
      BatchOutputs<String> windowOut = BatchOutputs.capture(windowWith);
      t.start();
      t.runBatches(4);

      ExpectedBatches.<String>expect()
          .at(1000, "a@1000", "b@1000", "c@1000")
          .at(2000, "a@2000")
          .at(3000, "d@3000")
          .at(4000, "c@4000")
          .assertMatches(keysOut, "keys of both sides");
      ExpectedBatches.<Tuple2<String, Integer>>expect()
          .at(1000, kv("b", 2)).at(2000, kv("a", 3)).at(3000).at(4000)
          .assertMatches(leftOnlyOut, "left keys missing on the right");
      // Left windows {a1,b2} {a1,b2,a3} {a3} {c4,c6} against right batches.
      ExpectedBatches.<String>expect()
          .at(1000, "a(1,x)").at(2000).at(3000).at(4000, "c(4,v)", "c(4,w)", "c(6,v)", "c(6,w)")
          .assertMatches(windowOut, "window with batch");
    }
  }

  @Test
  void contextTransformOfSeveralStreams() {
    try (ManualStreaming t = streaming("kryo")) {
      PairDStream<String, Integer> left = left(t);
      PairDStream<String, String> right = right(t);
      DStream<String> sizes = t.ssc().transform(List.of(left, right), (List<RDD<?>> rdds, Time time) -> {
        String line = "L=" + rdds.get(0).count() + ",R=" + rdds.get(1).count() + "@" + time.milliseconds();
        return rdds.get(0).context().parallelize(List.of(line), 1);   // the function is serialized: no captured context
      });
      BatchOutputs<String> out = BatchOutputs.capture(sizes);
      t.start();
      t.runBatches(4);

      ExpectedBatches.<String>expect()
          .at(1000, "L=2,R=2@1000").at(2000, "L=1,R=0@2000").at(3000, "L=0,R=1@3000").at(4000, "L=2,R=2@4000")
          .assertMatches(out);
    }
  }

  @Test
  void streamDatasetJoinThroughTransform() {
    try (ManualStreaming t = streaming("kryo")) {
      PairRDD<String, String> dataset = t.ssc().sluiceContext().parallelizePairs(
          List.of(kv("a", "apple"), kv("c", "cherry"), kv("d", "date")), 2);
      PairDStream<String, Integer> left = left(t);
      BatchOutputs<Tuple2<String, Tuple2<Integer, String>>> perBatch = BatchOutputs.capture(
          left.transformToPair(rdd -> PairRDD.fromRDD(rdd).join(dataset)));
      BatchOutputs<Tuple2<String, Tuple2<Integer, Optional<String>>>> perBatchLeftOuter = BatchOutputs.capture(
          left.transformToPair(rdd -> PairRDD.fromRDD(rdd).leftOuterJoin(dataset)));
      // The guide's example: a windowed stream joined with a dataset.
      BatchOutputs<Tuple2<String, Tuple2<Integer, String>>> windowed = BatchOutputs.capture(
          left.window(Durations.seconds(2)).transformToPair(rdd -> PairRDD.fromRDD(rdd).join(dataset)));
      t.start();
      t.runBatches(4);

      ExpectedBatches.<Tuple2<String, Tuple2<Integer, String>>>expect()
          .at(1000, kv("a", kv(1, "apple")))
          .at(2000, kv("a", kv(3, "apple")))
          .at(3000)
          .at(4000, kv("c", kv(4, "cherry")), kv("c", kv(6, "cherry")))
          .assertMatches(perBatch, "join");
      ExpectedBatches.<Tuple2<String, Tuple2<Integer, Optional<String>>>>expect()
          .at(1000, kv("a", kv(1, some("apple"))), kv("b", kv(2, none())))
          .at(2000, kv("a", kv(3, some("apple"))))
          .at(3000)
          .at(4000, kv("c", kv(4, some("cherry"))), kv("c", kv(6, some("cherry"))))
          .assertMatches(perBatchLeftOuter, "leftOuterJoin");
      ExpectedBatches.<Tuple2<String, Tuple2<Integer, String>>>expect()
          .at(1000, kv("a", kv(1, "apple")))
          .at(2000, kv("a", kv(1, "apple")), kv("a", kv(3, "apple")))
          .at(3000, kv("a", kv(3, "apple")))
          .at(4000, kv("c", kv(4, "cherry")), kv("c", kv(6, "cherry")))
          .assertMatches(windowed, "windowed join");
    }
  }

  /** The guide: the transform function runs every batch, so it joins with whatever dataset is current. */
  @Test
  void transformJoinsWithTheDatasetOfTheMoment() {
    try (ManualStreaming t = streaming("kryo")) {
      DATASET.set(t.ssc().sluiceContext().parallelizePairs(List.of(kv("a", "apple"), kv("c", "cherry")), 2));
      BatchOutputs<Tuple2<String, Tuple2<Integer, String>>> out = BatchOutputs.capture(
          left(t).transformToPair(rdd -> PairRDD.fromRDD(rdd).join(DATASET.get())));
      t.start();
      t.runBatches(1);
      DATASET.set(t.ssc().sluiceContext().parallelizePairs(List.of(kv("a", "avocado"), kv("c", "coconut")), 2));
      t.runBatches(3);

      ExpectedBatches.<Tuple2<String, Tuple2<Integer, String>>>expect()
          .at(1000, kv("a", kv(1, "apple")))
          .at(2000, kv("a", kv(3, "avocado")))
          .at(3000)
          .at(4000, kv("c", kv(4, "coconut")), kv("c", kv(6, "coconut")))
          .assertMatches(out);
    } finally {
      DATASET.set(null);
    }
  }
}
