package io.sluice.core;

import io.sluice.internal.access.Internals;
import io.sluice.testing.TestMasters;
import io.sluice.testing.StoredBlocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.internal.rdd.Dependency;
import io.sluice.internal.rdd.ShuffleDependency;
import io.sluice.internal.storage.BlockId;
import io.sluice.testing.SharedContexts;
import io.sluice.testing.Sink;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch engine's RDD operations on local[2], with hand-computed expectations. */
class RddOperationsTest {
  /** Counts partition computations; a Sink, so it also counts those made in executor processes. */
  private static Sink<Integer> partitionCalls = Sink.create();

  @TempDir
  Path tmp;

  private SluiceContext sc;

  @BeforeEach
  void startContext() {
    sc = SharedContexts.open(conf());
  }

  @AfterEach
  void stopContext() {
    if (sc != null) {
      SharedContexts.close(sc);
    }
  }

  private static SluiceConf conf() {
    return new SluiceConf(false).setMaster(TestMasters.operations()).setAppName("rdd-operations-test")
        .set("sluice.ui.enabled", "false");
  }

  /** Replaces the context of this test with one built from {@code conf}. */
  private void restartWith(SluiceConf conf) {
    SharedContexts.close(sc);
    sc = SharedContexts.open(conf);
  }

  private RDD<Integer> range(int fromInclusive, int toInclusive, int partitions) {
    return sc.parallelize(rangeList(fromInclusive, toInclusive), partitions);
  }

  private static List<Integer> rangeList(int fromInclusive, int toInclusive) {
    return IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
  }

  private static <T extends Comparable<T>> List<T> sorted(List<T> values) {
    List<T> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }

  private static <T> List<String> sortedStrings(List<T> values) {
    return values.stream().map(String::valueOf).sorted().toList();
  }

  private static <V extends Comparable<V>> List<V> sortedList(Iterable<V> values) {
    return StreamSupport.stream(values.spliterator(), false).sorted().toList();
  }

  private static <K, V> Tuple2<K, V> t(K k, V v) {
    return new Tuple2<>(k, v);
  }

  // ---------------------------------------------------------------- creation and narrow transformations

  @Test
  void parallelize_collectKeepsOrderAndCutsContiguousSlices() {
    RDD<Integer> rdd = range(1, 10, 3);
    assertEquals(3, rdd.getNumPartitions());
    assertEquals(rangeList(1, 10), rdd.collect());
    assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9, 10)), rdd.glom().collect());
  }

  @Test
  void parallelize_withoutSlicesUsesDefaultParallelism() {
    assertEquals(2, sc.defaultParallelism());
    assertEquals(2, sc.parallelize(List.of(1, 2, 3)).getNumPartitions());
  }

  @Test
  void parallelize_zeroSlicesFails() {
    SluiceException e = assertThrows(SluiceException.class, () -> sc.parallelize(List.of(1), 0));
    assertTrue(e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void emptyRDD_hasNoRecords() {
    RDD<String> empty = sc.emptyRDD();
    assertEquals(List.of(), empty.collect());
    assertEquals(0, empty.count());
  }

  @Test
  void mapFlatMapFilter() {
    RDD<Integer> rdd = range(1, 5, 2);
    assertEquals(List.of(10, 20, 30, 40, 50), rdd.map(x -> x * 10).collect());
    assertEquals(List.of(1, 2, 2, 3, 3, 3), sc.parallelize(List.of(1, 2, 3), 2)
        .flatMap(x -> java.util.Collections.nCopies(x, x).iterator()).collect());
    assertEquals(List.of(2, 4), rdd.filter(x -> x % 2 == 0).collect());
    assertEquals(List.of(), rdd.filter(x -> x > 100).collect());
  }

  @Test
  void mapPartitions_runsOncePerPartition() {
    RDD<Integer> sums = range(1, 6, 3).mapPartitions(it -> {
      int sum = 0;
      while (it.hasNext()) {
        sum += it.next();
      }
      return List.of(sum).iterator();
    });
    assertEquals(List.of(3, 7, 11), sums.collect());
  }

  @Test
  void mapPartitionsWithIndex_seesThePartitionIndex() {
    RDD<String> tagged = range(1, 4, 2).mapPartitionsWithIndex((index, it) -> {
      List<String> out = new ArrayList<>();
      it.forEachRemaining(x -> out.add(index + ":" + x));
      return out.iterator();
    });
    assertEquals(List.of("0:1", "0:2", "1:3", "1:4"), tagged.collect());
  }

  @Test
  void glom_givesOneListPerPartitionIncludingEmptyOnes() {
    assertEquals(List.of(List.of(), List.of(1), List.of(), List.of(2)),
        sc.parallelize(List.of(1, 2), 4).glom().collect());
  }

  @Test
  void union_concatenatesPartitions() {
    RDD<Integer> a = sc.parallelize(List.of(1, 2), 1);
    RDD<Integer> b = sc.parallelize(List.of(3, 4, 5), 2);
    RDD<Integer> both = a.union(b);
    assertEquals(3, both.getNumPartitions());
    assertEquals(List.of(1, 2, 3, 4, 5), both.collect());
    assertEquals(List.of(List.of(1, 2), List.of(3), List.of(4, 5)), both.glom().collect());
  }

  @Test
  void distinct_removesDuplicates() {
    RDD<Integer> rdd = sc.parallelize(List.of(3, 1, 3, 2, 1, 3), 3);
    assertEquals(List.of(1, 2, 3), sorted(rdd.distinct().collect()));
    RDD<Integer> five = rdd.distinct(5);
    assertEquals(5, five.getNumPartitions());
    assertEquals(List.of(1, 2, 3), sorted(five.collect()));
  }

  @Test
  void distinct_ofAnRddWithNoPartitionsIsEmpty() {
    assertEquals(List.of(), sc.<String>emptyRDD().distinct().collect());
  }

  @Test
  void repartition_givesExactlyThePartitionCountAndKeepsEveryRecord() {
    RDD<Integer> rdd = range(1, 100, 3);
    RDD<Integer> more = rdd.repartition(5);
    assertEquals(5, more.getNumPartitions());
    assertEquals(rangeList(1, 100), sorted(more.collect()));
    for (List<Integer> partition : more.glom().collect()) {
      assertFalse(partition.isEmpty(), "repartition should spread 100 records over all 5 partitions");
    }
    RDD<Integer> fewer = rdd.repartition(1);
    assertEquals(1, fewer.getNumPartitions());
    assertEquals(rangeList(1, 100), sorted(fewer.collect()));
  }

  @Test
  void repartition_withDuplicatesKeepsThemAll() {
    RDD<String> rdd = sc.parallelize(List.of("a", "a", "a", "b"), 2).repartition(3);
    assertEquals(3, rdd.getNumPartitions());
    assertEquals(List.of("a", "a", "a", "b"), sorted(rdd.collect()));
  }

  @Test
  void repartition_toZeroFails() {
    assertThrows(SluiceException.class, () -> range(1, 3, 1).repartition(0));
  }

  @Test
  void coalesce_mergesNeighbouringPartitionsWithoutReordering() {
    RDD<Integer> rdd = range(1, 8, 4);
    RDD<Integer> two = rdd.coalesce(2);
    assertEquals(2, two.getNumPartitions());
    assertEquals(rangeList(1, 8), two.collect());
    assertEquals(List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8)), two.glom().collect());
    // Without a shuffle coalesce cannot make more partitions than there are.
    assertEquals(4, rdd.coalesce(10).getNumPartitions());
  }

  // ---------------------------------------------------------------- actions

  @Test
  void count_countsEveryPartition() {
    assertEquals(100, range(1, 100, 7).count());
  }

  @Test
  void first_returnsTheFirstRecord() {
    assertEquals(1, range(1, 5, 3).first());
    // The first partitions are empty: first() must look further.
    assertEquals("x", sc.parallelize(List.of("x"), 4).first());
  }

  @Test
  void first_ofEmptyRddFails() {
    SluiceException e = assertThrows(SluiceException.class, () -> sc.emptyRDD().first());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    assertThrows(SluiceException.class, () -> range(1, 5, 2).filter(x -> false).first());
  }

  @Test
  void take_readsAcrossPartitionsInOrder() {
    RDD<Integer> singles = range(1, 10, 10);
    assertEquals(List.of(1, 2, 3, 4, 5), singles.take(5));
    assertEquals(rangeList(1, 10), singles.take(100));
    assertEquals(List.of(), singles.take(0));
    // Eight partitions, only partitions 3 and 7 hold a record.
    RDD<Integer> sparse = sc.parallelize(List.of(1, 2), 8);
    assertEquals(List.of(1, 2), sparse.take(2));
    assertEquals(List.of(1), sparse.take(1));
  }

  @Test
  void reduce_combinesAllRecords() {
    assertEquals(5050, range(1, 100, 4).reduce(Integer::sum));
    assertEquals("abc", sc.parallelize(List.of("a", "b", "c"), 3).reduce(String::concat));
  }

  @Test
  void reduce_ofEmptyRddFails() {
    SluiceException e = assertThrows(SluiceException.class, () -> sc.<Integer>emptyRDD().reduce(Integer::sum));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    assertThrows(SluiceException.class, () -> sc.parallelize(List.<Integer>of(), 3).reduce(Integer::sum));
  }

  @Test
  void fold_appliesTheZeroValueInEveryPartitionAndOnceMore() {
    // Partitions [1,2] and [3,4]: (10+1+2) + (10+3+4), folded from 10 on the driver.
    assertEquals(40, range(1, 4, 2).fold(10, Integer::sum));
    assertEquals(10, range(1, 4, 2).fold(0, Integer::sum));
    assertEquals(0, sc.<Integer>emptyRDD().fold(0, Integer::sum));
  }

  @Test
  void countByValue_countsEachDistinctRecord() {
    Map<String, Long> counts = sc.parallelize(List.of("a", "b", "a", "c", "a"), 3).countByValue();
    assertEquals(Map.of("a", 3L, "b", 1L, "c", 1L), counts);
  }

  @Test
  void foreach_runsTheFunctionOnEveryRecord() {
    Sink<Integer> seen = Sink.create();
    try {
      range(1, 20, 3).foreach(seen::add);
      assertEquals(rangeList(1, 20), sorted(seen.values()));
    } finally {
      seen.release();
    }
  }

  @Test
  void foreachPartition_getsEachPartitionOnce() {
    Sink<List<Integer>> partitions = Sink.create();
    try {
      range(1, 7, 3).foreachPartition(it -> {
        List<Integer> records = new ArrayList<>();
        it.forEachRemaining(records::add);
        partitions.add(records);
      });
      assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6, 7)), partitions.sortedValues());
    } finally {
      partitions.release();
    }
  }

  // ---------------------------------------------------------------- key-value operations

  private PairRDD<String, Integer> wordsWithCounts() {
    return sc.parallelizePairs(List.of(t("a", 1), t("b", 2), t("a", 3), t("c", 4), t("b", 5), t("a", 6)), 3);
  }

  @Test
  void reduceByKey_sumsPerKey() {
    assertEquals(Map.of("a", 10, "b", 7, "c", 4), wordsWithCounts().reduceByKey(Integer::sum).collectAsMap());
    PairRDD<String, Integer> four = wordsWithCounts().reduceByKey(Integer::sum, 4);
    assertEquals(4, four.getNumPartitions());
    assertEquals(List.of("(a,10)", "(b,7)", "(c,4)"), sortedStrings(four.collect()));
  }

  @Test
  void groupByKey_collectsAllValuesOfAKey() {
    PairRDD<String, Iterable<Integer>> grouped = wordsWithCounts().groupByKey();
    Map<String, List<Integer>> byKey = new TreeMap<>();
    for (Tuple2<String, Iterable<Integer>> kv : grouped.collect()) {
      byKey.put(kv._1(), sortedList(kv._2()));
    }
    assertEquals(Map.of("a", List.of(1, 3, 6), "b", List.of(2, 5), "c", List.of(4)), byKey);
    assertEquals(3, wordsWithCounts().groupByKey(3).getNumPartitions());
  }

  @Test
  void combineByKey_buildsPerKeyAverages() {
    PairRDD<String, Tuple2<Integer, Integer>> sumCount = wordsWithCounts().combineByKey(
        v -> t(v, 1),
        (acc, v) -> t(acc._1() + v, acc._2() + 1),
        (x, y) -> t(x._1() + y._1(), x._2() + y._2()));
    Map<String, Double> averages = sumCount.mapValues(s -> (double) s._1() / s._2()).collectAsMap();
    assertEquals(Map.of("a", 10 / 3.0, "b", 3.5, "c", 4.0), averages);
  }

  @Test
  void partitionBy_placesEveryKeyInItsPartitionAndKeepsThePartitioner() {
    HashPartitioner p = new HashPartitioner(3);
    PairRDD<String, Integer> partitioned = wordsWithCounts().partitionBy(p);
    assertEquals(Optional.of(p), partitioned.partitioner());
    assertEquals(3, partitioned.getNumPartitions());
    List<String> misplaced = partitioned.mapPartitionsWithIndex((index, it) -> {
      List<String> wrong = new ArrayList<>();
      it.forEachRemaining(kv -> {
        if (p.getPartition(kv._1()) != index) {
          wrong.add(kv + " in " + index);
        }
      });
      return wrong.iterator();
    }).collect();
    assertEquals(List.of(), misplaced);
    assertEquals(6, partitioned.count());
    // Partitioning again the same way is a no-op.
    assertSame(partitioned, partitioned.partitionBy(new HashPartitioner(3)));
  }

  @Test
  void reduceByKey_onAnAlreadyPartitionedRddDoesNotShuffleAgain() {
    HashPartitioner p = new HashPartitioner(3);
    PairRDD<String, Integer> partitioned = wordsWithCounts().partitionBy(p);
    PairRDD<String, Integer> reduced = partitioned.reduceByKey(Integer::sum);
    assertEquals(Optional.of(p), reduced.partitioner());
    assertEquals(0, shufflesBetween(reduced, partitioned), "reduceByKey must reuse the existing partitioning");
    assertEquals(Map.of("a", 10, "b", 7, "c", 4), reduced.collectAsMap());

    // A different partitioner does need a shuffle, and the result has the new partitioner.
    PairRDD<String, Integer> repartitioned = partitioned.reduceByKey(Integer::sum, 2);
    assertEquals(Optional.of(new HashPartitioner(2)), repartitioned.partitioner());
    assertEquals(1, shufflesBetween(repartitioned, partitioned));
    assertEquals(Map.of("a", 10, "b", 7, "c", 4), repartitioned.collectAsMap());
  }

  @Test
  void mapValuesKeepsThePartitionerButMapDoesNot() {
    HashPartitioner p = new HashPartitioner(2);
    PairRDD<String, Integer> partitioned = wordsWithCounts().partitionBy(p);
    assertEquals(Optional.of(p), partitioned.mapValues(v -> v + 1).partitioner());
    assertEquals(Optional.of(p), partitioned.filter(kv -> kv._2() > 1).partitioner());
    assertEquals(Optional.empty(), PairRDD.fromRDD(partitioned.map(kv -> t(kv._1(), kv._2()))).partitioner());
    assertEquals(Optional.empty(), wordsWithCounts().partitioner());
  }

  /** Shuffle dependencies on the lineage from {@code rdd} back to {@code ancestor}. */
  private static int shufflesBetween(RDD<?> rdd, RDD<?> ancestor) {
    if (rdd.id() == ancestor.id()) {
      return 0;
    }
    int found = Integer.MAX_VALUE;
    for (Dependency dep : Internals.rdd().dependencies(rdd)) {
      int below = shufflesBetween(dep.rdd(), ancestor);
      if (below != Integer.MAX_VALUE) {
        found = Math.min(found, below + (dep instanceof ShuffleDependency ? 1 : 0));
      }
    }
    return found;
  }

  private PairRDD<String, Integer> left() {
    return sc.parallelizePairs(List.of(t("a", 1), t("b", 2), t("b", 3)), 2);
  }

  private PairRDD<String, String> right() {
    return sc.parallelizePairs(List.of(t("b", "x"), t("c", "y")), 2);
  }

  @Test
  void join_keepsOnlyKeysOnBothSides() {
    assertEquals(List.of("(b,(2,x))", "(b,(3,x))"), sortedStrings(left().join(right()).collect()));
    PairRDD<String, Tuple2<Integer, String>> three = left().join(right(), 3);
    assertEquals(3, three.getNumPartitions());
    assertEquals(2, three.count());
  }

  @Test
  void leftOuterJoin_givesEmptyForKeysOnlyOnTheLeft() {
    List<Tuple2<String, Tuple2<Integer, Optional<String>>>> result = left().leftOuterJoin(right()).collect();
    assertEquals(List.of(
        t("a", t(1, Optional.<String>empty())),
        t("b", t(2, Optional.of("x"))),
        t("b", t(3, Optional.of("x")))), sortByString(result));
  }

  @Test
  void rightOuterJoin_givesEmptyForKeysOnlyOnTheRight() {
    List<Tuple2<String, Tuple2<Optional<Integer>, String>>> result = left().rightOuterJoin(right()).collect();
    assertEquals(List.of(
        t("b", t(Optional.of(2), "x")),
        t("b", t(Optional.of(3), "x")),
        t("c", t(Optional.<Integer>empty(), "y"))), sortByString(result));
  }

  @Test
  void fullOuterJoin_keepsKeysOfEitherSide() {
    List<Tuple2<String, Tuple2<Optional<Integer>, Optional<String>>>> result =
        left().fullOuterJoin(right(), 4).collect();
    assertEquals(List.of(
        t("a", t(Optional.of(1), Optional.<String>empty())),
        t("b", t(Optional.of(2), Optional.of("x"))),
        t("b", t(Optional.of(3), Optional.of("x"))),
        t("c", t(Optional.<Integer>empty(), Optional.of("y")))), sortByString(result));
  }

  @Test
  void cogroup_givesEmptyGroupsForMissingSides() {
    Map<String, String> groups = new TreeMap<>();
    for (var kv : left().cogroup(right()).collect()) {
      groups.put(kv._1(), sortedList(kv._2()._1()) + "|" + sortedList(kv._2()._2()));
    }
    assertEquals(Map.of("a", "[1]|[]", "b", "[2, 3]|[x]", "c", "[]|[y]"), groups);
  }

  private static <T> List<T> sortByString(List<T> values) {
    List<T> copy = new ArrayList<>(values);
    copy.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    return copy;
  }

  @Test
  void mapValuesAndFlatMapValuesKeepTheKeys() {
    PairRDD<String, Integer> pairs = sc.parallelizePairs(List.of(t("a", 2), t("b", 0), t("c", 1)), 2);
    assertEquals(List.of(t("a", 20), t("b", 0), t("c", 10)), pairs.mapValues(v -> v * 10).collect());
    assertEquals(List.of(t("a", "v0"), t("a", "v1"), t("c", "v0")),
        pairs.flatMapValues(v -> IntStream.range(0, v).mapToObj(i -> "v" + i).iterator()).collect());
  }

  @Test
  void keysValuesCountByKeyCollectAsMap() {
    PairRDD<String, Integer> pairs = wordsWithCounts();
    assertEquals(List.of("a", "b", "a", "c", "b", "a"), pairs.keys().collect());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), pairs.values().collect());
    assertEquals(Map.of("a", 3L, "b", 2L, "c", 1L), pairs.countByKey());
    assertEquals(Map.of("x", 1, "y", 2), sc.parallelizePairs(List.of(t("x", 1), t("y", 2)), 2).collectAsMap());
  }

  @Test
  void pairOperationsKeepThePairType() {
    PairRDD<String, Integer> pairs = wordsWithCounts();
    PairRDD<String, Integer> doubled = pairs.union(pairs);
    assertEquals(12, doubled.count());
    assertEquals(6, doubled.distinct().count());
    assertEquals(3, doubled.repartition(3).getNumPartitions());
    assertEquals(1, doubled.coalesce(1).getNumPartitions());
    assertEquals(Map.of("a", 20, "b", 14, "c", 8), doubled.coalesce(1).reduceByKey(Integer::sum).collectAsMap());
  }

  // ---------------------------------------------------------------- persistence

  private RDD<Integer> countingPartitions(int partitions) {
    Sink<Integer> calls = partitionCalls;
    return range(1, 12, partitions).mapPartitions(it -> {
      calls.add(1);
      return it;
    });
  }

  @Test
  void withoutCacheEveryActionRecomputes() {
    partitionCalls.release();
    partitionCalls = Sink.create();
    RDD<Integer> rdd = countingPartitions(3);
    rdd.count();
    rdd.count();
    assertEquals(6, partitionCalls.size());
  }

  @Test
  void cache_computesEachPartitionOnceAcrossActions() {
    partitionCalls.release();
    partitionCalls = Sink.create();
    RDD<Integer> rdd = countingPartitions(3).cache();
    assertEquals(StorageLevel.MEMORY_ONLY, rdd.getStorageLevel());
    assertEquals(12, rdd.count());
    assertEquals(rangeList(1, 12), rdd.collect());
    assertEquals(78, rdd.reduce(Integer::sum));
    assertEquals(3, partitionCalls.size(), "a cached RDD computes each partition once");
    assertEquals(3, rddBlocks(rdd.id()));
  }

  @Test
  void persist_atDiskLevelAlsoComputesOnce() {
    partitionCalls.release();
    partitionCalls = Sink.create();
    RDD<Integer> rdd = countingPartitions(2).persist(StorageLevel.MEMORY_AND_DISK_SER);
    rdd.count();
    assertEquals(rangeList(1, 12), rdd.collect());
    assertEquals(2, partitionCalls.size());
  }

  @Test
  void unpersist_dropsTheBlocksAndLaterActionsRecompute() {
    partitionCalls.release();
    partitionCalls = Sink.create();
    RDD<Integer> rdd = countingPartitions(3).cache();
    rdd.count();
    rdd.unpersist();
    assertEquals(StorageLevel.NONE, rdd.getStorageLevel());
    assertEquals(0, rddBlocks(rdd.id()));
    assertEquals(12, rdd.count());
    assertEquals(6, partitionCalls.size());
  }

  @Test
  void persist_withAnotherLevelFails() {
    RDD<Integer> rdd = range(1, 3, 1).cache();
    assertThrows(SluiceException.class, () -> rdd.persist(StorageLevel.DISK_ONLY));
  }

  private long rddBlocks(int rddId) {
    return StoredBlocks.of(sc).stream()
        .filter(id -> id instanceof BlockId.RddBlock b && b.rddId() == rddId).count();
  }

  // ---------------------------------------------------------------- shared variables and task context

  @Test
  void broadcast_valueIsReadInTasks() {
    Broadcast<Map<String, Integer>> weights = sc.broadcast(Map.of("a", 1, "b", 10));
    RDD<Integer> weighted = sc.parallelize(List.of("a", "b", "b", "a"), 2).map(k -> weights.value().get(k));
    assertEquals(22, weighted.reduce(Integer::sum));
    assertEquals(Map.of("a", 1, "b", 10), weights.value());
  }

  @Test
  void taskContext_isAvailableInsideTasksOnly() {
    assertNull(TaskContext.get(), "no task context on the driver");
    List<String> seen = range(1, 6, 3).mapPartitionsWithIndex((index, it) -> {
      TaskContext ctx = TaskContext.get();
      return List.of(index + "=" + ctx.partitionId() + "/" + ctx.attemptNumber()).iterator();
    }).collect();
    assertEquals(List.of("0=0/0", "1=1/0", "2=2/0"), seen);
    assertNull(TaskContext.get());
  }

  // ---------------------------------------------------------------- files

  @Test
  void textFile_readsEveryVisibleFileOfADirectory() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("in"));
    Files.writeString(dir.resolve("one.txt"), "alpha\nbeta\n");
    Files.writeString(dir.resolve("two.txt"), "gamma\r\ndelta\nepsilon");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Files.writeString(dir.resolve(".hidden"), "not me\n");
    RDD<String> lines = sc.textFile(dir.toString());
    assertEquals(List.of("alpha", "beta", "delta", "epsilon", "gamma"), sorted(lines.collect()));
    assertEquals(5, sc.textFile(dir.toString(), 4).count());
    assertEquals(List.of("alpha", "beta"), sc.textFile(dir.resolve("one.txt").toString()).collect());
  }

  @Test
  void saveAsTextFile_writesPartFilesThatTextFileReadsBack() throws IOException {
    String out = tmp.resolve("out").toString();
    RDD<Tuple2<String, Integer>> rdd = sc.parallelize(List.of(t("x", 1), t("y", 2), t("z", 3)), 2);
    rdd.saveAsTextFile(out);
    List<String> names;
    try (var files = Files.list(Path.of(out))) {
      names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), names);
    assertEquals(List.of("(x,1)"), Files.readAllLines(Path.of(out, "part-00000"), StandardCharsets.UTF_8));
    assertEquals(List.of("(x,1)", "(y,2)", "(z,3)"), sorted(sc.textFile(out).collect()));
  }

  @Test
  void saveAsTextFile_intoAnExistingDirectoryFailsNamingIt() throws IOException {
    File existing = Files.createDirectory(tmp.resolve("taken")).toFile();
    SluiceException e = assertThrows(SluiceException.class,
        () -> sc.parallelize(List.of(1), 1).saveAsTextFile(existing.getPath()));
    assertTrue(e.getMessage().contains(existing.getPath()), e.getMessage());
  }

  @Test
  void saveAsObjectFile_roundTripsThroughObjectFile() {
    String out = tmp.resolve("objects").toString();
    List<Tuple2<String, List<Integer>>> data = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      data.add(t("k" + i, List.of(i, i * i)));
    }
    sc.parallelize(data, 3).saveAsObjectFile(out);
    List<Tuple2<String, List<Integer>>> back = sc.<Tuple2<String, List<Integer>>>objectFile(out).collect();
    assertEquals(sortByString(data), sortByString(back));
  }

  // ---------------------------------------------------------------- the java serializer

  @Test
  void javaSerializer_runsShufflesWithOptionalValues() {
    restartWith(conf().set("sluice.serializer", "java"));
    List<Tuple2<String, Tuple2<Integer, Optional<String>>>> joined = left().leftOuterJoin(right(), 3).collect();
    assertEquals(List.of(
        t("a", t(1, Optional.<String>empty())),
        t("b", t(2, Optional.of("x"))),
        t("b", t(3, Optional.of("x")))), sortByString(joined));
    // Optional values going through a second shuffle, and cached in serialized form.
    PairRDD<String, Tuple2<Integer, Optional<String>>> cached = left().leftOuterJoin(right())
        .persist(StorageLevel.MEMORY_ONLY_SER);
    Map<String, Long> present = cached.mapValues(v -> v._2().isPresent() ? 1L : 0L).reduceByKey(Long::sum, 2)
        .collectAsMap();
    assertEquals(Map.of("a", 0L, "b", 2L), present);
    assertEquals(Map.of("a", 1L, "b", 2L), cached.countByKey());
  }

  @Test
  void javaSerializer_runsCommonOperations() {
    restartWith(conf().set("sluice.serializer", "java"));
    RDD<String> words = sc.parallelize(Arrays.asList("b a", "c a", "a"), 2)
        .flatMap(line -> Arrays.asList(line.split(" ")).iterator());
    assertEquals(Map.of("a", 3L, "b", 1L, "c", 1L), words.countByValue());
    assertEquals(List.of("a", "b", "c"), sorted(words.distinct().collect()));
    assertEquals(5, words.repartition(3).count());
    Map<String, List<Integer>> grouped = sc.parallelizePairs(List.of(t("k", 1), t("k", 2)), 2).groupByKey()
        .mapValues(RddOperationsTest::sortedList).collectAsMap();
    assertEquals(Map.of("k", List.of(1, 2)), grouped);
  }
}
