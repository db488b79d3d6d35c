package io.sluice.streaming;

import io.sluice.testing.TestMasters;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.Tuple2;
import io.sluice.core.HashPartitioner;
import io.sluice.core.PairRDD;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.testing.BatchOutputs;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.Sink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Per-batch DStream transformations, batch by batch, on queue streams driven by a manual clock.
 * Every input has an empty batch (an empty RDD of two partitions), and every run has one more
 * batch than the queue holds, which gets the queue stream's default: an empty RDD of no partitions.
 * Expected batches list records sorted by their string form (see {@link BatchOutputs}).
 */
class BasicOperationsTest {
  private static final Duration BATCH = Durations.seconds(1);
  private static final List<String> NONE = List.of();

  /** Runs {@code op} over a queue stream of {@code input} (2 partitions per batch) for input.size() + 1 batches. */
  private static <T, R> List<List<R>> run(List<List<T>> input, Function<DStream<T>, DStream<R>> op) {
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      BatchOutputs<R> out = BatchOutputs.capture(op.apply(t.queueOf(input, 2)));
      t.start();
      t.runBatches(input.size() + 1);
      try {
        return out.sortedBatches();
      } finally {
        out.release();
      }
    }
  }

  /** As {@link #run}, but each batch's records in RDD order (partition by partition), not sorted. */
  private static <T, R> List<List<R>> runOrdered(List<List<T>> input, Function<DStream<T>, DStream<R>> op) {
    Sink<List<R>> batches = Sink.create();
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      op.apply(t.queueOf(input, 2)).foreachRDD(rdd -> batches.add(new ArrayList<>(rdd.collect())));
      t.start();
      t.runBatches(input.size() + 1);
      return batches.values();
    } finally {
      batches.release();
    }
  }

  /** As {@link #run} with two queue streams; runs max(sizes) + 1 batches. */
  private static <A, B, R> List<List<R>> run2(List<List<A>> first, List<List<B>> second,
                                              BiFunction<DStream<A>, DStream<B>, DStream<R>> op) {
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      BatchOutputs<R> out = BatchOutputs.capture(op.apply(t.queueOf(first, 2), t.queueOf(second, 2)));
      t.start();
      t.runBatches(Math.max(first.size(), second.size()) + 1);
      try {
        return out.sortedBatches();
      } finally {
        out.release();
      }
    }
  }

  /** The number of partitions of each batch's RDD of the stream {@code op} builds. */
  private static <T, R> List<Integer> partitionCounts(List<List<T>> input, Function<DStream<T>, DStream<R>> op) {
    Sink<Integer> counts = Sink.create();
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      op.apply(t.queueOf(input, 2)).foreachRDD(rdd -> counts.add(rdd.getNumPartitions()));
      t.start();
      t.runBatches(input.size() + 1);
      return counts.values();
    } finally {
      counts.release();
    }
  }

  private static <K, V> Tuple2<K, V> t(K k, V v) {
    return new Tuple2<>(k, v);
  }

  private static <V extends Comparable<V>> List<V> sortedList(Iterable<V> values) {
    return StreamSupport.stream(values.spliterator(), false).sorted().toList();
  }

  private static List<List<String>> lines() {
    return List.of(List.of("a b", "c"), List.of(), List.of("b b a"));
  }

  private static List<List<Tuple2<String, Integer>>> pairs() {
    return List.of(List.of(t("a", 1), t("b", 2), t("a", 3)), List.of(), List.of(t("b", 4), t("c", 5), t("b", 6)));
  }

  // ---------------------------------------------------------------- one-to-one and per-partition

  @Test
  void map() {
    assertEquals(List.of(List.of(10, 20, 30), List.of(), List.of(40), List.of()),
        run(List.of(List.of(1, 2, 3), List.of(), List.of(4)), s -> s.map(x -> x * 10)));
  }

  @Test
  void flatMap() {
    assertEquals(List.of(List.of("a", "b", "c"), NONE, List.of("a", "b", "b"), NONE),
        run(lines(), s -> s.flatMap(l -> Arrays.asList(l.split(" ")).iterator())));
  }

  @Test
  void filter() {
    assertEquals(List.of(List.of(2, 4), List.of(), List.of(), List.of()),
        run(List.of(List.of(1, 2, 3, 4), List.of(), List.of(5)), s -> s.filter(x -> x % 2 == 0)));
  }

  @Test
  void mapPartitions_seesEachPartitionOfTheBatch() {
    // [1,2,3,4] is cut into [1,2] and [3,4]; [5] into [] and [5]; the default batch has no partitions.
    assertEquals(List.of(List.of(3, 7), List.of(0, 0), List.of(0, 5), List.of()),
        runOrdered(List.of(List.of(1, 2, 3, 4), List.of(), List.of(5)), s -> s.mapPartitions(it -> {
          int sum = 0;
          while (it.hasNext()) {
            sum += it.next();
          }
          return List.of(sum).iterator();
        })));
  }

  @Test
  void mapToPair() {
    assertEquals(List.of(List.of(t("a b", 3), t("c", 1)), List.of(), List.of(t("b b a", 5)), List.of()),
        run(lines(), s -> s.mapToPair(l -> t(l, l.length()))));
  }

  @Test
  void flatMapToPair() {
    assertEquals(List.of(List.of(t("a", 1), t("b", 1), t("c", 1)), List.of(),
            List.of(t("a", 1), t("b", 1), t("b", 1)), List.of()),
        run(lines(), s -> s.flatMapToPair(l -> Arrays.stream(l.split(" ")).map(w -> t(w, 1)).iterator())));
  }

  @Test
  void repartition_keepsRecordsAndGivesThePartitionCount() {
    List<List<Integer>> input = List.of(List.of(1, 2, 3, 4, 5), List.of(), List.of(6));
    assertEquals(List.of(List.of(1, 2, 3, 4, 5), List.of(), List.of(6), List.of()),
        run(input, s -> s.repartition(3)));
    assertEquals(List.of(3, 3, 3, 3), partitionCounts(input, s -> s.repartition(3)));
  }

  @Test
  void glom_givesOneListPerPartition() {
    assertEquals(List.of(List.of(List.of(1, 2), List.of(3, 4)), List.of(List.of(), List.of()),
            List.of(List.of(), List.of(5)), List.of()),
        runOrdered(List.of(List.of(1, 2, 3, 4), List.of(), List.of(5)), DStream::glom));
  }

  @Test
  void union_ofTwoStreams() {
    assertEquals(List.of(List.of("a1", "a2", "b1"), List.of("b2"), NONE, NONE),
        run2(List.of(List.of("a1", "a2"), List.of(), List.of()), List.of(List.of("b1"), List.of("b2")),
            DStream::union));
  }

  // ---------------------------------------------------------------- queue streams

  @Test
  void queueStream_notOneAtATimeTakesEverythingQueued() {
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      var sc = t.ssc().sluiceContext();
      Queue<RDD<Integer>> queue = new ConcurrentLinkedQueue<>(List.of(sc.parallelize(List.of(1, 2), 2),
          sc.parallelize(List.of(3), 1)));
      BatchOutputs<Integer> out = BatchOutputs.capture(t.ssc().queueStream(queue, false));
      t.start();
      t.runBatches(1);
      queue.add(sc.parallelize(List.of(4), 1));
      t.runBatches(2);
      assertEquals(List.of(List.of(1, 2, 3), List.of(4), List.of()), out.sortedBatches());
      out.release();
    }
  }

  @Test
  void queueStream_usesTheDefaultRddWhenTheQueueIsEmpty() {
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      var sc = t.ssc().sluiceContext();
      Queue<RDD<String>> queue = new ConcurrentLinkedQueue<>(List.of(sc.parallelize(List.of("q"), 1)));
      BatchOutputs<String> out = BatchOutputs.capture(
          t.ssc().queueStream(queue, true, sc.parallelize(List.of("default"), 1)));
      t.start();
      t.runBatches(3);
      assertEquals(List.of(List.of("q"), List.of("default"), List.of("default")), out.sortedBatches());
      out.release();
    }
  }

  // ---------------------------------------------------------------- aggregations

  @Test
  void count_emitsOneElementPerBatchEvenWhenEmpty() {
    assertEquals(List.of(List.of(3L), List.of(0L), List.of(1L), List.of(0L)),
        run(List.of(List.of("a", "b", "c"), List.of(), List.of("d")), DStream::count));
  }

  @Test
  void reduce_emitsNothingForAnEmptyBatch() {
    assertEquals(List.of(List.of(6), List.of(), List.of(4), List.of()),
        run(List.of(List.of(1, 2, 3), List.of(), List.of(4)), s -> s.reduce(Integer::sum)));
  }

  @Test
  void countByValue() {
    assertEquals(List.of(List.of(t("a", 2L), t("b", 1L)), List.of(), List.of(t("b", 1L)), List.of()),
        run(List.of(List.of("a", "b", "a"), List.of(), List.of("b")), DStream::countByValue));
    assertEquals(List.of(4, 4, 4, 4), partitionCounts(List.of(List.of("a"), List.of(), List.of("b")),
        s -> s.countByValue(4)));
  }

  // ---------------------------------------------------------------- transform

  @Test
  void transform_appliesAnRddFunctionToEachBatch() {
    // The last batch is the queue's default, an RDD of no partitions: distinct() must cope with it.
    assertEquals(List.of(List.of(1, 2), List.of(), List.of(3), List.of()),
        run(List.of(List.of(2, 1, 2, 1), List.of(), List.of(3, 3)), s -> s.transform(rdd -> rdd.distinct())));
  }

  @Test
  void transform_withTimeGetsTheBatchTime() {
    assertEquals(List.of(List.of("1000:a", "1000:b"), NONE, List.of("3000:c"), NONE),
        run(List.of(List.of("a", "b"), List.of(), List.of("c")),
            s -> s.transform((rdd, time) -> rdd.map(x -> time.milliseconds() + ":" + x))));
  }

  @Test
  void transform_canJoinWithAStaticRdd() {
    // The guide's example: join each batch with precomputed data, then filter.
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      PairRDD<String, Boolean> spamInfo = t.ssc().sluiceContext()
          .parallelizePairs(List.of(t("spam.com", true), t("ok.org", false)), 2);
      DStream<String> hosts = t.queueOf(List.of(List.of("spam.com", "ok.org", "new.net"), List.of(),
          List.of("spam.com")), 2);
      PairDStream<String, Integer> cleaned = hosts.transformToPair(rdd ->
          rdd.mapToPair(h -> t(h, 1)).leftOuterJoin(spamInfo)
              .filter(kv -> !kv._2()._2().orElse(false))
              .mapValues(v -> v._1()));
      BatchOutputs<Tuple2<String, Integer>> out = BatchOutputs.capture(cleaned);
      t.start();
      t.runBatches(4);
      assertEquals(List.of(List.of(t("new.net", 1), t("ok.org", 1)), List.of(), List.of(), List.of()),
          out.sortedBatches());
    }
  }

  @Test
  void transformToPair_bothOverloads() {
    List<List<String>> input = List.of(List.of("x", "yy"), List.of(), List.of("zzz"));
    assertEquals(List.of(List.of(t("x", 1), t("yy", 2)), List.of(), List.of(t("zzz", 3)), List.of()),
        run(input, s -> s.transformToPair(rdd -> rdd.mapToPair(w -> t(w, w.length())))));
    assertEquals(List.of(List.of(t("x", 1000L), t("yy", 1000L)), List.of(), List.of(t("zzz", 3000L)), List.of()),
        run(input, s -> s.transformToPair((rdd, time) -> rdd.mapToPair(w -> t(w, time.milliseconds())))));
  }

  @Test
  void transformWith_combinesTheBatchesOfTwoStreams() {
    List<List<Integer>> a = List.of(List.of(1, 2), List.of(), List.of(3));
    List<List<String>> b = List.of(List.of("x"), List.of("y"), List.of());
    assertEquals(List.of(List.of("1000:1", "1000:2", "1000:x"), List.of("2000:y"), List.of("3000:3"), NONE),
        run2(a, b, (s1, s2) -> s1.transformWith(s2, (r1, r2, time) ->
            r1.map(String::valueOf).union(r2).map(v -> time.milliseconds() + ":" + v))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void contextTransform_combinesSeveralStreams() {
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      DStream<Integer> a = t.queueOf(List.of(List.of(1), List.of(), List.of(2)), 2);
      DStream<Integer> b = t.queueOf(List.of(List.of(10), List.of(20)), 1);
      DStream<Integer> c = t.queueOf(List.of(List.of(), List.of(300)), 2);
      DStream<String> combined = t.ssc().transform(List.of(a, b, c), (rdds, time) -> {
        RDD<Integer> all = (RDD<Integer>) rdds.get(0);
        for (RDD<?> other : rdds.subList(1, rdds.size())) {
          all = all.union((RDD<Integer>) other);
        }
        return all.map(x -> time.milliseconds() + ":" + x);
      });
      BatchOutputs<String> out = BatchOutputs.capture(combined);
      t.start();
      t.runBatches(4);
      assertEquals(List.of(List.of("1000:1", "1000:10"), List.of("2000:20", "2000:300"), List.of("3000:2"), NONE),
          out.sortedBatches());
    }
  }

  @Test
  void contextUnion_ofThreeStreams() {
    try (ManualStreaming t = new ManualStreaming(TestMasters.operations(), BATCH)) {
      DStream<String> a = t.queueOf(List.of(List.of("a1"), List.of(), List.of("a3")), 2);
      DStream<String> b = t.queueOf(List.of(List.of("b1", "b1"), List.of()), 2);
      DStream<String> c = t.queueOf(List.of(List.of(), List.of("c2")), 1);
      BatchOutputs<String> out = BatchOutputs.capture(t.ssc().union(a, List.of(b, c)));
      t.start();
      t.runBatches(4);
      assertEquals(List.of(List.of("a1", "b1", "b1"), List.of("c2"), List.of("a3"), NONE), out.sortedBatches());
    }
  }

  // ---------------------------------------------------------------- key-value streams

  private static Function<DStream<Tuple2<String, Integer>>, PairDStream<String, Integer>> asPairs() {
    return PairDStream::fromDStream;
  }

  @Test
  void reduceByKey_default() {
    assertEquals(List.of(List.of(t("a", 4), t("b", 2)), List.of(), List.of(t("b", 10), t("c", 5)), List.of()),
        run(pairs(), s -> asPairs().apply(s).reduceByKey(Integer::sum)));
    // Default partitions: sluice.default.parallelism, else the cores of local[2].
    assertEquals(List.of(2, 2, 2, 2), partitionCounts(pairs(), s -> asPairs().apply(s).reduceByKey(Integer::sum)));
  }

  @Test
  void reduceByKey_withPartitionCount() {
    assertEquals(List.of(List.of(t("a", 4), t("b", 2)), List.of(), List.of(t("b", 10), t("c", 5)), List.of()),
        run(pairs(), s -> asPairs().apply(s).reduceByKey(Integer::sum, 5)));
    assertEquals(List.of(5, 5, 5, 5), partitionCounts(pairs(), s -> asPairs().apply(s).reduceByKey(Integer::sum, 5)));
  }

  /** Keys starting with a vowel go to partition 0, all others to 1. */
  static final class VowelPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    @Override
    public int numPartitions() {
      return 2;
    }

    @Override
    public int getPartition(Object key) {
      return "aeiou".indexOf(String.valueOf(key).charAt(0)) >= 0 ? 0 : 1;
    }
  }

  @Test
  void reduceByKey_withPartitionerPlacesKeysByIt() {
    List<List<Tuple2<String, Integer>>> input = List.of(
        List.of(t("apple", 1), t("kiwi", 2), t("apple", 3), t("orange", 4)), List.of(), List.of(t("fig", 5)));
    Function<DStream<Tuple2<String, Integer>>, DStream<String>> reduceAndTagPartitions = s -> asPairs().apply(s)
        .reduceByKey(Integer::sum, new VowelPartitioner())
        .transform(rdd -> rdd.mapPartitionsWithIndex((index, it) -> {
          List<String> tagged = new ArrayList<>();
          it.forEachRemaining(kv -> tagged.add(index + ":" + kv));
          return tagged.iterator();
        }));
    assertEquals(List.of(List.of("0:(apple,4)", "0:(orange,4)", "1:(kiwi,2)"), NONE, List.of("1:(fig,5)"), NONE),
        run(input, reduceAndTagPartitions));
    assertEquals(List.of(2, 2, 2, 2),
        partitionCounts(input, s -> asPairs().apply(s).reduceByKey(Integer::sum, new VowelPartitioner())));
  }

  @Test
  void groupByKey_collectsTheBatchValuesOfEachKey() {
    assertEquals(List.of(List.of(t("a", List.of(1, 3)), t("b", List.of(2))), List.of(),
            List.of(t("b", List.of(4, 6)), t("c", List.of(5))), List.of()),
        run(pairs(), s -> asPairs().apply(s).groupByKey().mapValues(BasicOperationsTest::sortedList)));
    assertEquals(List.of(3, 3, 3, 3), partitionCounts(pairs(), s -> asPairs().apply(s).groupByKey(3)));
    assertEquals(List.of(List.of(t("a", List.of(1, 3)), t("b", List.of(2))), List.of(),
            List.of(t("b", List.of(4, 6)), t("c", List.of(5))), List.of()),
        run(pairs(), s -> asPairs().apply(s).groupByKey(new HashPartitioner(4))
            .mapValues(BasicOperationsTest::sortedList)));
  }

  @Test
  void combineByKey_buildsPerKeySumAndCount() {
    assertEquals(List.of(List.of(t("a", "4/2"), t("b", "2/1")), List.of(), List.of(t("b", "10/2"), t("c", "5/1")),
            List.of()),
        run(pairs(), s -> asPairs().apply(s).combineByKey(
            v -> t(v, 1),
            (acc, v) -> t(acc._1() + v, acc._2() + 1),
            (x, y) -> t(x._1() + y._1(), x._2() + y._2()),
            new HashPartitioner(2)).mapValues(c -> c._1() + "/" + c._2())));
  }

  @Test
  void mapValuesAndFlatMapValues() {
    assertEquals(List.of(List.of(t("a", -1), t("a", -3), t("b", -2)), List.of(),
            List.of(t("b", -4), t("b", -6), t("c", -5)), List.of()),
        run(pairs(), s -> asPairs().apply(s).mapValues(v -> -v)));
    assertEquals(List.of(List.of(t("a", 1), t("a", 3), t("a", 3), t("b", 2), t("b", 2)), List.of(),
            List.of(t("b", 4), t("b", 4), t("b", 6), t("b", 6), t("c", 5)), List.of()),
        run(pairs(), s -> asPairs().apply(s).flatMapValues(v -> v % 2 == 0 || v == 3
            ? List.of(v, v).iterator() : List.of(v).iterator())));
  }

  @Test
  void pairFilterKeepsThePairType() {
    assertEquals(List.of(List.of(t("b", 2)), List.of(), List.of(t("b", 4), t("b", 6)), List.of()),
        run(pairs(), s -> asPairs().apply(s).filter(kv -> kv._1().equals("b"))));
  }

  @Test
  void pairUnion() {
    List<List<Tuple2<String, Integer>>> other = List.of(List.of(), List.of(t("z", 9)));
    assertEquals(List.of(List.of(t("a", 1), t("a", 3), t("b", 2)), List.of(t("z", 9)),
            List.of(t("b", 4), t("b", 6), t("c", 5)), List.of()),
        run2(pairs(), other, (a, b) -> PairDStream.fromDStream(a).union(PairDStream.fromDStream(b))));
    assertEquals(List.of(List.of(t("a", 4), t("b", 2)), List.of(t("z", 9)), List.of(t("b", 10), t("c", 5)),
            List.of()),
        run2(pairs(), other, (a, b) -> PairDStream.fromDStream(a).union(PairDStream.fromDStream(b))
            .reduceByKey(Integer::sum)));
  }
}
