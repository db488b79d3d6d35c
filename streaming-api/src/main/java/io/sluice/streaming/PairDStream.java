package io.sluice.streaming;

import io.sluice.api.Tuple2;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import io.sluice.core.HashPartitioner;
import io.sluice.core.PairRDD;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.StorageLevel;
import io.sluice.internal.io.FileOutputs;
import io.sluice.internal.streaming.dstream.DStreamOps;
import io.sluice.internal.streaming.dstream.DerivedDStream;
import io.sluice.internal.streaming.dstream.PairDStreamView;
import io.sluice.internal.streaming.dstream.StateDStream;
import java.util.List;
import java.util.Optional;

/**
 * A DStream of key-value pairs, with per-batch key operations, joins between streams, windowed
 * key operations and per-key state. Key operations hash-partition into the default parallelism
 * unless given a partition count or partitioner.
 */
public abstract class PairDStream<K, V> extends DStream<Tuple2<K, V>> {
  private static final long serialVersionUID = 1L;

  /** A pair stream of {@code ssc}; only before the context starts. */
  protected PairDStream(StreamingContext ssc) {
    super(ssc);
  }

  /** Views a stream of pairs as a PairDStream. */
  public static <K, V> PairDStream<K, V> fromDStream(DStream<Tuple2<K, V>> stream) {
    return stream instanceof PairDStream<K, V> pairs ? pairs : new PairDStreamView<>(stream);
  }

  private <K2, V2> PairDStream<K2, V2> perBatch(String name, Function<PairRDD<K, V>, RDD<Tuple2<K2, V2>>> f) {
    return fromDStream(new DerivedDStream<Tuple2<K, V>, Tuple2<K2, V2>>(this, name,
        rdd -> f.call(PairRDD.fromRDD(rdd))));
  }

  private Partitioner defaultPartitioner() {
    return new HashPartitioner(context().sluiceContext().defaultParallelism());
  }

  // ---------------------------------------------------------------- per-batch key operations

  /** The values of each key in each batch combined with {@code f} (associative and commutative). */
  public PairDStream<K, V> reduceByKey(Function2<V, V, V> f) {
    return reduceByKey(f, defaultPartitioner());
  }

  /** As {@link #reduceByKey(Function2)}, in {@code numPartitions} partitions. */
  public PairDStream<K, V> reduceByKey(Function2<V, V, V> f, int numPartitions) {
    return reduceByKey(f, new HashPartitioner(numPartitions));
  }

  /** As {@link #reduceByKey(Function2)}, partitioned by {@code p}. */
  public PairDStream<K, V> reduceByKey(Function2<V, V, V> f, Partitioner p) {
    return perBatch("reduceByKey", rdd -> rdd.reduceByKey(f, p));
  }

  /** The values of each key in each batch grouped. */
  public PairDStream<K, Iterable<V>> groupByKey() {
    return groupByKey(defaultPartitioner());
  }

  /** As {@link #groupByKey()}, in {@code numPartitions} partitions. */
  public PairDStream<K, Iterable<V>> groupByKey(int numPartitions) {
    return groupByKey(new HashPartitioner(numPartitions));
  }

  /** As {@link #groupByKey()}, partitioned by {@code p}. */
  public PairDStream<K, Iterable<V>> groupByKey(Partitioner p) {
    return perBatch("groupByKey", rdd -> rdd.groupByKey(p));
  }

  /** The values of each key in each batch combined, as {@link PairRDD#combineByKey} does. */
  public <C> PairDStream<K, C> combineByKey(Function<V, C> create, Function2<C, V, C> merge,
                                            Function2<C, C, C> mergeCombiners, Partitioner p) {
    return perBatch("combineByKey", rdd -> rdd.combineByKey(create, merge, mergeCombiners, p));
  }

  /** Each value transformed by {@code f}; keys are kept. */
  public <U> PairDStream<K, U> mapValues(Function<V, U> f) {
    return perBatch("mapValues", rdd -> rdd.mapValues(f));
  }

  /** Each value transformed into zero or more values under the same key. */
  public <U> PairDStream<K, U> flatMapValues(FlatMapFunction<V, U> f) {
    return perBatch("flatMapValues", rdd -> rdd.flatMapValues(f));
  }

  @Override
  public PairDStream<K, V> filter(Function<Tuple2<K, V>, Boolean> f) {
    return perBatch("filter", rdd -> rdd.filter(f));
  }

  @Override
  public PairDStream<K, V> repartition(int n) {
    return perBatch("repartition", rdd -> rdd.repartition(n));
  }

  /** The pairs of this stream and of {@code other}, batch by batch. */
  public PairDStream<K, V> union(PairDStream<K, V> other) {
    return fromDStream(super.union(other));
  }

  // ---------------------------------------------------------------- joins of two streams, batch by batch

  /** Each batch inner-joined with the same batch of {@code other}. */
  public <W> PairDStream<K, Tuple2<V, W>> join(PairDStream<K, W> other) {
    return join(other, context().sluiceContext().defaultParallelism());
  }

  /** As {@link #join(PairDStream)}, in {@code numPartitions} partitions. */
  public <W> PairDStream<K, Tuple2<V, W>> join(PairDStream<K, W> other, int numPartitions) {
    return joinWith(other, "join", (a, b) -> a.join(b, numPartitions));
  }

  /** Each batch left-outer-joined with the same batch of {@code other}. */
  public <W> PairDStream<K, Tuple2<V, Optional<W>>> leftOuterJoin(PairDStream<K, W> other) {
    return leftOuterJoin(other, context().sluiceContext().defaultParallelism());
  }

  /** As {@link #leftOuterJoin(PairDStream)}, in {@code numPartitions} partitions. */
  public <W> PairDStream<K, Tuple2<V, Optional<W>>> leftOuterJoin(PairDStream<K, W> other, int numPartitions) {
    return joinWith(other, "leftOuterJoin", (a, b) -> a.leftOuterJoin(b, numPartitions));
  }

  /** Each batch right-outer-joined with the same batch of {@code other}. */
  public <W> PairDStream<K, Tuple2<Optional<V>, W>> rightOuterJoin(PairDStream<K, W> other) {
    return rightOuterJoin(other, context().sluiceContext().defaultParallelism());
  }

  /** As {@link #rightOuterJoin(PairDStream)}, in {@code numPartitions} partitions. */
  public <W> PairDStream<K, Tuple2<Optional<V>, W>> rightOuterJoin(PairDStream<K, W> other, int numPartitions) {
    return joinWith(other, "rightOuterJoin", (a, b) -> a.rightOuterJoin(b, numPartitions));
  }

  /** Each batch full-outer-joined with the same batch of {@code other}. */
  public <W> PairDStream<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(PairDStream<K, W> other) {
    return fullOuterJoin(other, context().sluiceContext().defaultParallelism());
  }

  /** As {@link #fullOuterJoin(PairDStream)}, in {@code numPartitions} partitions. */
  public <W> PairDStream<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(PairDStream<K, W> other,
                                                                            int numPartitions) {
    return joinWith(other, "fullOuterJoin", (a, b) -> a.fullOuterJoin(b, numPartitions));
  }

  /** Each batch cogrouped with the same batch of {@code other}. */
  public <W> PairDStream<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(PairDStream<K, W> other) {
    return cogroup(other, context().sluiceContext().defaultParallelism());
  }

  /** As {@link #cogroup(PairDStream)}, in {@code numPartitions} partitions. */
  public <W> PairDStream<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(PairDStream<K, W> other, int numPartitions) {
    return joinWith(other, "cogroup", (a, b) -> a.cogroup(b, numPartitions));
  }

  private <W, R> PairDStream<K, R> joinWith(PairDStream<K, W> other, String name,
                                           Function2<PairRDD<K, V>, PairRDD<K, W>, PairRDD<K, R>> f) {
    DStreamOps.checkSameSlide(this, other, name);
    return fromDStream(this.<Tuple2<K, W>, Tuple2<K, R>>transformWith(other,
        (a, b, time) -> f.call(PairRDD.fromRDD(a), PairRDD.fromRDD(b))));
  }

  // ---------------------------------------------------------------- windows

  @Override
  public PairDStream<K, V> window(Duration windowLength) {
    return fromDStream(super.window(windowLength));
  }

  @Override
  public PairDStream<K, V> window(Duration windowLength, Duration slideInterval) {
    return fromDStream(super.window(windowLength, slideInterval));
  }

  /** The values of each key over the last {@code windowLength}, at every batch. */
  public PairDStream<K, Iterable<V>> groupByKeyAndWindow(Duration windowLength) {
    return groupByKeyAndWindow(windowLength, slideDuration());
  }

  /** The values of each key over each window. */
  public PairDStream<K, Iterable<V>> groupByKeyAndWindow(Duration windowLength, Duration slideInterval) {
    return groupByKeyAndWindow(windowLength, slideInterval, context().sluiceContext().defaultParallelism());
  }

  /** The values of each key over each window, in {@code numPartitions} partitions. */
  public PairDStream<K, Iterable<V>> groupByKeyAndWindow(Duration windowLength, Duration slideInterval,
                                                         int numPartitions) {
    return window(windowLength, slideInterval).groupByKey(numPartitions);
  }

  /** The values of each key over the last {@code windowLength} combined with {@code f}, at every batch. */
  public PairDStream<K, V> reduceByKeyAndWindow(Function2<V, V, V> f, Duration windowLength) {
    return reduceByKeyAndWindow(f, windowLength, slideDuration());
  }

  /** The values of each key over each window combined with {@code f}. */
  public PairDStream<K, V> reduceByKeyAndWindow(Function2<V, V, V> f, Duration windowLength,
                                                Duration slideInterval) {
    return reduceByKeyAndWindow(f, windowLength, slideInterval, context().sluiceContext().defaultParallelism());
  }

  /** Reduces each batch first, then the window of reduced batches (less data in the window). */
  public PairDStream<K, V> reduceByKeyAndWindow(Function2<V, V, V> f, Duration windowLength, Duration slideInterval,
                                                int numPartitions) {
    Partitioner p = new HashPartitioner(numPartitions);
    return reduceByKey(f, p).window(windowLength, slideInterval).reduceByKey(f, p);
  }

  /**
   * Incremental windowed reduce: adds the batches entering the window with {@code f} and removes those
   * leaving it with {@code invF}; needs checkpointing.
   */
  public PairDStream<K, V> reduceByKeyAndWindow(Function2<V, V, V> f, Function2<V, V, V> invF,
                                                Duration windowLength, Duration slideInterval) {
    return reduceByKeyAndWindow(f, invF, windowLength, slideInterval,
        context().sluiceContext().defaultParallelism(), null);
  }

  /** As the incremental {@code reduceByKeyAndWindow}, in {@code numPartitions} partitions. */
  public PairDStream<K, V> reduceByKeyAndWindow(Function2<V, V, V> f, Function2<V, V, V> invF,
                                                Duration windowLength, Duration slideInterval, int numPartitions) {
    return reduceByKeyAndWindow(f, invF, windowLength, slideInterval, numPartitions, null);
  }

  /**
   * Incremental windowed reduce: the new window is the previous one plus the slide that entered
   * (reduced with {@code f}) minus the slide that left (with {@code invF}). Keys whose value comes
   * back to the "zero" stay until {@code filterF} (may be null) drops them.
   */
  public PairDStream<K, V> reduceByKeyAndWindow(Function2<V, V, V> f, Function2<V, V, V> invF,
                                                Duration windowLength, Duration slideInterval, int numPartitions,
                                                Function<Tuple2<K, V>, Boolean> filterF) {
    return DStreamOps.reduceByKeyAndWindow(this, f, invF, windowLength, slideInterval,
        new HashPartitioner(numPartitions), filterF);
  }

  // ---------------------------------------------------------------- state

  /**
   * A state per key, updated at every batch by {@code update} from the batch's values and the previous
   * state (empty to remove the key); needs checkpointing.
   */
  public <S> PairDStream<K, S> updateStateByKey(Function2<List<V>, Optional<S>, Optional<S>> update) {
    return updateStateByKey(update, defaultPartitioner());
  }

  /** As {@link #updateStateByKey(Function2)}, in {@code numPartitions} partitions. */
  public <S> PairDStream<K, S> updateStateByKey(Function2<List<V>, Optional<S>, Optional<S>> update,
                                                int numPartitions) {
    return updateStateByKey(update, new HashPartitioner(numPartitions));
  }

  /**
   * Keeps a state per key across batches: every batch, {@code update} gets the key's new values
   * (possibly none) and its state (empty for a new key) and returns the new state, or empty to
   * remove the key. Requires a checkpoint directory.
   */
  public <S> PairDStream<K, S> updateStateByKey(Function2<List<V>, Optional<S>, Optional<S>> update,
                                                Partitioner p) {
    return new StateDStream<>(this, update, p, null);
  }

  /** As {@link #updateStateByKey(Function2, Partitioner)}, starting from the states in {@code initialState}. */
  public <S> PairDStream<K, S> updateStateByKey(Function2<List<V>, Optional<S>, Optional<S>> update,
                                                Partitioner p, PairRDD<K, S> initialState) {
    return new StateDStream<>(this, update, p, initialState);
  }

  // ---------------------------------------------------------------- persistence, output

  @Override
  public PairDStream<K, V> persist(StorageLevel level) {
    super.persist(level);
    return this;
  }

  @Override
  public PairDStream<K, V> persist() {
    super.persist();
    return this;
  }

  @Override
  public PairDStream<K, V> cache() {
    super.cache();
    return this;
  }

  @Override
  public PairDStream<K, V> checkpoint(Duration interval) {
    super.checkpoint(interval);
    return this;
  }

  /** Writes each batch with a Hadoop (new API) OutputFormat to {@code prefix-TIME_IN_MS[.suffix]}. */
  @SuppressWarnings("rawtypes")
  public void saveAsHadoopFiles(String prefix, String suffix, Class<?> keyClass, Class<?> valueClass,
                                Class<? extends org.apache.hadoop.mapreduce.OutputFormat> format) {
    new io.sluice.internal.streaming.dstream.ForEachDStream<Tuple2<K, V>>(this, "saveAsHadoopFiles",
        (rdd, time) -> FileOutputs.saveAsHadoopFile(PairRDD.fromRDD(rdd),
            DStreamOps.batchFileName(prefix, suffix, time), keyClass, valueClass, format, false)).register();
  }
}
