package io.sluice.core;

import io.sluice.api.Tuple2;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import io.sluice.internal.io.FileOutputs;
import io.sluice.internal.rdd.Aggregator;
import io.sluice.internal.rdd.CoGroupedRDD;
import io.sluice.internal.rdd.Joins;
import io.sluice.internal.rdd.MapPartitionsRDD;
import io.sluice.internal.rdd.PairRDDView;
import io.sluice.internal.rdd.ShuffledRDD;
import io.sluice.internal.shuffle.CombineMap;
import io.sluice.internal.util.Iterators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An RDD of key-value pairs, with the operations that group, combine and join by key. Key
 * operations hash-partition by default into {@link SluiceContext#defaultParallelism()} partitions
 * unless this RDD already has a partitioner.
 */
public abstract class PairRDD<K, V> extends RDD<Tuple2<K, V>> {
  private static final long serialVersionUID = 1L;

  /**
   * A pair RDD without parents; see {@link RDD#RDD(SluiceContext)}.
   *
   * @param sc the context of the driver
   */
  protected PairRDD(SluiceContext sc) {
    super(sc);
  }

  /**
   * A pair RDD whose partition i is computed from partition i of {@code parent}.
   *
   * @param parent the RDD this one is computed from
   */
  protected PairRDD(RDD<?> parent) {
    super(parent);
  }

  /** Views an RDD of pairs as a PairRDD (no data is moved). */
  public static <K, V> PairRDD<K, V> fromRDD(RDD<Tuple2<K, V>> rdd) {
    return rdd instanceof PairRDD<K, V> pairs ? pairs : new PairRDDView<>(rdd);
  }

  /** How the pairs are partitioned by key, when known (e.g. after {@link #partitionBy} or a shuffle). */
  public Optional<Partitioner> partitioner() {
    return partitionerIfKnown();
  }

  private Partitioner defaultPartitioner() {
    return partitionerIfKnown().orElseGet(() -> new HashPartitioner(context().defaultParallelism()));
  }

  // ---------------------------------------------------------------- combining by key

  /**
   * The values of each key combined: {@code create} makes a combiner of a key's first value, {@code
   * merge} adds a value, {@code mergeCombiners} merges combiners (map-side first, then after shuffling
   * with {@code p}).
   */
  public <C> PairRDD<K, C> combineByKey(Function<V, C> create, Function2<C, V, C> merge,
                                        Function2<C, C, C> mergeCombiners, Partitioner p) {
    return combineByKey(new Aggregator<>(create, merge, mergeCombiners), p, true);
  }

  /** As {@link #combineByKey(Function, Function2, Function2, Partitioner)} with the default partitioner. */
  public <C> PairRDD<K, C> combineByKey(Function<V, C> create, Function2<C, V, C> merge,
                                        Function2<C, C, C> mergeCombiners) {
    return combineByKey(create, merge, mergeCombiners, defaultPartitioner());
  }

  private <C> PairRDD<K, C> combineByKey(Aggregator<V, C> agg, Partitioner p, boolean mapSideCombine) {
    if (partitionerIfKnown().filter(p::equals).isPresent()) {
      // Already partitioned this way: every key is in one partition, so combine in place.
      return fromRDD(new MapPartitionsRDD<Tuple2<K, V>, Tuple2<K, C>>(this,
          (index, it) -> combineLocally(it, agg), true));
    }
    return new ShuffledRDD<>(this, p, agg, mapSideCombine);
  }

  private static <K, V, C> Iterator<Tuple2<K, C>> combineLocally(Iterator<Tuple2<K, V>> it, Aggregator<V, C> agg) {
    CombineMap<K, V, C> combined = new CombineMap<>(agg);
    while (it.hasNext()) {
      Tuple2<K, V> kv = it.next();
      combined.addValue(kv._1(), kv._2());
    }
    return combined.iterator();
  }

  /** The values of each key combined with {@code f} (associative and commutative), with the default partitioner. */
  public PairRDD<K, V> reduceByKey(Function2<V, V, V> f) {
    return reduceByKey(f, defaultPartitioner());
  }

  /** The values of each key combined with {@code f}, hash-partitioned into {@code numPartitions}. */
  public PairRDD<K, V> reduceByKey(Function2<V, V, V> f, int numPartitions) {
    return reduceByKey(f, new HashPartitioner(numPartitions));
  }

  /** The values of each key combined with {@code f}, partitioned by {@code p}. */
  public PairRDD<K, V> reduceByKey(Function2<V, V, V> f, Partitioner p) {
    return combineByKey(v -> v, f, f, p);
  }

  /** The values of each key grouped, with the default partitioner. */
  public PairRDD<K, Iterable<V>> groupByKey() {
    return groupByKey(defaultPartitioner());
  }

  /** The values of each key grouped, hash-partitioned into {@code numPartitions}. */
  public PairRDD<K, Iterable<V>> groupByKey(int numPartitions) {
    return groupByKey(new HashPartitioner(numPartitions));
  }

  /** Groups values per key; no map-side combining, as it would not shrink the data. */
  public PairRDD<K, Iterable<V>> groupByKey(Partitioner p) {
    Aggregator<V, ArrayList<V>> agg = new Aggregator<>(v -> {
      ArrayList<V> list = new ArrayList<>(4);
      list.add(v);
      return list;
    }, (list, v) -> {
      list.add(v);
      return list;
    }, (a, b) -> {
      a.addAll(b);
      return a;
    });
    PairRDD<K, ArrayList<V>> grouped = combineByKey(agg, p, false);
    return grouped.mapValues(list -> (Iterable<V>) list);
  }

  /** The same pairs partitioned by {@code p} (no shuffle when already so partitioned). */
  public PairRDD<K, V> partitionBy(Partitioner p) {
    if (partitionerIfKnown().filter(p::equals).isPresent()) {
      return this;
    }
    return new ShuffledRDD<K, V, V>(this, p, null, false);
  }

  // ---------------------------------------------------------------- joins

  /** For each key in either RDD, its values here and in {@code other}, with the default partitioner. */
  public <W> PairRDD<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(PairRDD<K, W> other) {
    return cogroup(other, defaultPartitioner());
  }

  /** As {@link #cogroup(PairRDD)}, hash-partitioned into {@code numPartitions}. */
  public <W> PairRDD<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(PairRDD<K, W> other, int numPartitions) {
    return cogroup(other, new HashPartitioner(numPartitions));
  }

  /** As {@link #cogroup(PairRDD)}, partitioned by {@code p}. */
  @SuppressWarnings("unchecked")
  public <W> PairRDD<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(PairRDD<K, W> other, Partitioner p) {
    CoGroupedRDD<K> grouped = new CoGroupedRDD<>(List.of(this, other), p);
    return grouped.mapValues(lists -> new Tuple2<>((Iterable<V>) (List<?>) lists.get(0),
        (Iterable<W>) (List<?>) lists.get(1)));
  }

  /** Every pair of values for keys in both RDDs (inner join). */
  public <W> PairRDD<K, Tuple2<V, W>> join(PairRDD<K, W> other) {
    return Joins.inner(cogroup(other));
  }

  /** Inner join, hash-partitioned into {@code numPartitions}. */
  public <W> PairRDD<K, Tuple2<V, W>> join(PairRDD<K, W> other, int numPartitions) {
    return Joins.inner(cogroup(other, numPartitions));
  }

  /** Every value here with each matching value of {@code other}, or empty when the key is not there. */
  public <W> PairRDD<K, Tuple2<V, Optional<W>>> leftOuterJoin(PairRDD<K, W> other) {
    return Joins.leftOuter(cogroup(other));
  }

  /** Left outer join, hash-partitioned into {@code numPartitions}. */
  public <W> PairRDD<K, Tuple2<V, Optional<W>>> leftOuterJoin(PairRDD<K, W> other, int numPartitions) {
    return Joins.leftOuter(cogroup(other, numPartitions));
  }

  /** Every value of {@code other} with each matching value here, or empty when the key is not here. */
  public <W> PairRDD<K, Tuple2<Optional<V>, W>> rightOuterJoin(PairRDD<K, W> other) {
    return Joins.rightOuter(cogroup(other));
  }

  /** Right outer join, hash-partitioned into {@code numPartitions}. */
  public <W> PairRDD<K, Tuple2<Optional<V>, W>> rightOuterJoin(PairRDD<K, W> other, int numPartitions) {
    return Joins.rightOuter(cogroup(other, numPartitions));
  }

  /** Matching values for keys in either RDD, empty on the side that lacks the key. */
  public <W> PairRDD<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(PairRDD<K, W> other) {
    return Joins.fullOuter(cogroup(other));
  }

  /** Full outer join, hash-partitioned into {@code numPartitions}. */
  public <W> PairRDD<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(PairRDD<K, W> other, int numPartitions) {
    return Joins.fullOuter(cogroup(other, numPartitions));
  }

  // ---------------------------------------------------------------- per-value and pair-preserving

  /** Each value transformed by {@code f}; keys and partitioning are kept. */
  public <U> PairRDD<K, U> mapValues(Function<V, U> f) {
    return fromRDD(new MapPartitionsRDD<Tuple2<K, V>, Tuple2<K, U>>(this,
        (index, it) -> Iterators.map(it, kv -> new Tuple2<>(kv._1(), f.call(kv._2()))), true));
  }

  /** Each value transformed into zero or more values under the same key; partitioning is kept. */
  public <U> PairRDD<K, U> flatMapValues(FlatMapFunction<V, U> f) {
    return fromRDD(new MapPartitionsRDD<Tuple2<K, V>, Tuple2<K, U>>(this, (index, it) -> Iterators.flatMap(it,
        kv -> Iterators.map(f.call(kv._2()), u -> new Tuple2<>(kv._1(), u))), true));
  }

  @Override
  public PairRDD<K, V> filter(Function<Tuple2<K, V>, Boolean> f) {
    return fromRDD(new MapPartitionsRDD<Tuple2<K, V>, Tuple2<K, V>>(this, (index, it) -> Iterators.filter(it, f),
        true));
  }

  /** The pairs of this RDD and of {@code other}, without a shuffle. */
  public PairRDD<K, V> union(PairRDD<K, V> other) {
    return fromRDD(super.union(other));
  }

  @Override
  public PairRDD<K, V> persist(StorageLevel level) {
    super.persist(level);
    return this;
  }

  @Override
  public PairRDD<K, V> cache() {
    super.cache();
    return this;
  }

  @Override
  public PairRDD<K, V> repartition(int n) {
    return fromRDD(super.repartition(n));
  }

  @Override
  public PairRDD<K, V> coalesce(int n) {
    return fromRDD(super.coalesce(n));
  }

  @Override
  public PairRDD<K, V> distinct() {
    return fromRDD(super.distinct());
  }

  @Override
  public PairRDD<K, V> distinct(int n) {
    return fromRDD(super.distinct(n));
  }

  /** The key of each pair. */
  public RDD<K> keys() {
    return map(Tuple2::_1);
  }

  /** The value of each pair. */
  public RDD<V> values() {
    return map(Tuple2::_2);
  }

  // ---------------------------------------------------------------- actions

  /** The number of pairs of each key, on the driver. */
  public Map<K, Long> countByKey() {
    return mapValues(v -> 1L).reduceByKey(Long::sum).collectAsMap();
  }

  /** All pairs as a map on the driver; with duplicate keys, one of the values wins. */
  public Map<K, V> collectAsMap() {
    Map<K, V> map = new HashMap<>();
    for (Tuple2<K, V> kv : collect()) {
      map.put(kv._1(), kv._2());
    }
    return map;
  }

  /** Writes the pairs with a Hadoop (new API) OutputFormat, e.g. TextOutputFormat or SequenceFileOutputFormat. */
  @SuppressWarnings("rawtypes")
  public void saveAsHadoopFile(String path, Class<?> keyClass, Class<?> valueClass,
                               Class<? extends org.apache.hadoop.mapreduce.OutputFormat> format) {
    FileOutputs.saveAsHadoopFile(this, path, keyClass, valueClass, format);
  }
}
