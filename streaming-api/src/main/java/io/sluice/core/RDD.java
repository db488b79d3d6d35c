package io.sluice.core;

import io.sluice.api.Tuple2;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import io.sluice.api.function.PairFlatMapFunction;
import io.sluice.api.function.PairFunction;
import io.sluice.api.function.VoidFunction;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.io.FileOutputs;
import io.sluice.internal.rdd.CoalescedRDD;
import io.sluice.internal.rdd.Dependency;
import io.sluice.internal.rdd.MapPartitionsRDD;
import io.sluice.internal.rdd.OneToOneDependency;
import io.sluice.internal.rdd.Partition;
import io.sluice.internal.rdd.RddActions;
import io.sluice.internal.rdd.RddCheckpoint;
import io.sluice.internal.rdd.ShuffleLineage;
import io.sluice.internal.rdd.UnionRDD;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.util.Iterators;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, partitioned dataset that knows how to recompute any of its partitions from its
 * parents (its lineage). Transformations are lazy and return new RDDs; actions run a job and
 * return results to the driver. Transformations and actions are called on the driver only; user
 * functions run in tasks on executors and must be serializable.
 *
 * <p>The methods under "engine hooks" are for Sluice's own RDD implementations.
 */
public abstract class RDD<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final transient SluiceContext sc;
  private final int id;
  // Not final: a checkpoint replaces the lineage with the saved files, and tasks must not ship it.
  private volatile List<Dependency> dependencies;
  // Computed on the driver before the first job and shipped with tasks, so executors never list files etc.
  private Partition[] partitions;
  private StorageLevel storageLevel = StorageLevel.NONE;
  private final RddCheckpoint checkpoint = new RddCheckpoint();
  // Saved files keep the partitioning they were written with, so joins on them stay narrow.
  private Partitioner partitionerAtCheckpoint;
  // Shuffles in the lineage a checkpoint cut off: still this RDD's to free when it is dropped.
  private transient Set<Integer> shufflesCutByCheckpoint = Set.of();

  protected RDD(SluiceContext sc, List<Dependency> dependencies) {
    this.sc = sc;
    this.id = sc.newRddId();
    this.dependencies = List.copyOf(dependencies);
  }

  /** An RDD whose partition i is computed from partition i of {@code parent}. */
  protected RDD(RDD<?> parent) {
    this(parent.context(), List.of(new OneToOneDependency(parent)));
  }

  // ---------------------------------------------------------------- engine hooks

  /** Lists the partitions; called once, on the driver. */
  protected abstract Partition[] computePartitions();

  /** Computes one partition on an executor. User exceptions propagate unchanged. */
  public abstract Iterator<T> compute(Partition split, TaskContextImpl context) throws Exception;

  /** How the records are partitioned by key, when that is known; subclasses say via {@link #knownPartitioner}. */
  public final Optional<Partitioner> partitionerIfKnown() {
    return checkpoint.isDone() ? Optional.ofNullable(partitionerAtCheckpoint) : knownPartitioner();
  }

  /** Executors (ids) where a partition's data already is, best first. */
  public final List<String> preferredLocations(Partition split) {
    if (storageLevel != StorageLevel.NONE && sc != null) {
      List<String> cached = sc.backend().blockLocations(new BlockId.RddBlock(id, split.index()));
      if (!cached.isEmpty()) {
        return cached;
      }
    }
    return checkpoint.isDone() ? List.of() : locationsOf(split);
  }

  protected Optional<Partitioner> knownPartitioner() {
    return Optional.empty();
  }

  protected List<String> locationsOf(Partition split) {
    return List.of();
  }

  public final List<Dependency> dependencies() {
    return dependencies;
  }

  /** The RDD of dependency {@code i}; subclasses reach their parents only this way (see {@link #markCheckpointed}). */
  @SuppressWarnings("unchecked")
  protected final <U> RDD<U> parent(int i) {
    return (RDD<U>) dependencies.get(i).rdd();
  }

  /** Engine hook: the partitions are saved under {@code directory}; forget the lineage. */
  public final synchronized void markCheckpointed(String directory) {
    int n = partitions().length;
    partitionerAtCheckpoint = knownPartitioner().orElse(null);
    shufflesCutByCheckpoint = Set.copyOf(ShuffleLineage.directShufflesOf(this));
    checkpoint.markDone(directory, n);
    dependencies = List.of();
    partitions = null;
  }

  public final synchronized Partition[] partitions() {
    if (partitions == null) {
      partitions = checkpoint.isDone() ? checkpoint.partitions() : computePartitions();
      for (int i = 0; i < partitions.length; i++) {
        if (partitions[i].index() != i) {
          throw new IllegalStateException(getClass().getSimpleName() + " partition " + i + " has index "
              + partitions[i].index());
        }
      }
    }
    return partitions;
  }

  /** Reads a partition: from the block store when persisted (computing and storing it once), else computes it. */
  public final Iterator<T> iterator(Partition split, TaskContextImpl context) throws Exception {
    if (storageLevel == StorageLevel.NONE) {
      return computeOrReadCheckpoint(split, context);
    }
    BlockId id = new BlockId.RddBlock(this.id, split.index());
    var blocks = context.env().blockManager();
    Optional<Iterator<T>> cached = blocks.getValues(id);
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<byte[]> remote = context.env().blockTransfer().fetchFromAnywhere(id);
    if (remote.isPresent()) {
      return blocks.deserializeValues(remote.get());
    }
    List<T> values = Iterators.toList(computeOrReadCheckpoint(split, context));
    blocks.putValues(id, values, storageLevel);
    return values.iterator();
  }

  private Iterator<T> computeOrReadCheckpoint(Partition split, TaskContextImpl context) throws Exception {
    return checkpoint.isDone() ? checkpoint.read(split, context) : compute(split, context);
  }

  // ---------------------------------------------------------------- identity

  public final int id() {
    return id;
  }

  public final int getNumPartitions() {
    return partitions().length;
  }

  /** The context that created this RDD; only available on the driver. */
  public final SluiceContext context() {
    if (sc == null) {
      throw new SluiceException("RDD " + id + " was used inside a task: RDD operations can only be called on the "
          + "driver, not inside functions that run on executors");
    }
    return sc;
  }

  // ---------------------------------------------------------------- transformations

  public <R> RDD<R> map(Function<T, R> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> Iterators.map(it, f), false);
  }

  public <R> RDD<R> flatMap(FlatMapFunction<T, R> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> Iterators.flatMap(it, f), false);
  }

  public RDD<T> filter(Function<T, Boolean> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> Iterators.filter(it, f), true);
  }

  public <R> RDD<R> mapPartitions(FlatMapFunction<Iterator<T>, R> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> f.call(it), false);
  }

  public <R> RDD<R> mapPartitionsWithIndex(Function2<Integer, Iterator<T>, Iterator<R>> f) {
    return new MapPartitionsRDD<>(this, f::call, false);
  }

  public <K, V> PairRDD<K, V> mapToPair(PairFunction<T, K, V> f) {
    return PairRDD.fromRDD(new MapPartitionsRDD<T, Tuple2<K, V>>(this, (index, it) -> Iterators.map(it, f::call),
        false));
  }

  public <K, V> PairRDD<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> f) {
    return PairRDD.fromRDD(new MapPartitionsRDD<T, Tuple2<K, V>>(this,
        (index, it) -> Iterators.flatMap(it, f::call), false));
  }

  public RDD<T> union(RDD<T> other) {
    return new UnionRDD<>(context(), List.of(this, other));
  }

  public RDD<T> distinct() {
    return distinct(Math.max(1, getNumPartitions()));
  }

  public RDD<T> distinct(int numPartitions) {
    return mapToPair(x -> new Tuple2<T, Boolean>(x, Boolean.TRUE)).reduceByKey((a, b) -> a, numPartitions).keys();
  }

  /** Exactly {@code numPartitions} partitions of about equal size, through a shuffle. */
  public RDD<T> repartition(int numPartitions) {
    checkPartitions(numPartitions);
    PairRDD<Integer, T> spread = PairRDD.fromRDD(mapPartitionsWithIndex((index, it) -> {
      // Round-robin from a per-partition offset, so small partitions do not all land in bucket 0.
      int[] position = {index * 7919};
      return Iterators.map(it, x -> new Tuple2<>(position[0]++, x));
    }));
    return spread.partitionBy(new HashPartitioner(numPartitions)).values();
  }

  /** At most {@code numPartitions} partitions, merging neighbours without a shuffle. */
  public RDD<T> coalesce(int numPartitions) {
    checkPartitions(numPartitions);
    return new CoalescedRDD<>(this, numPartitions);
  }

  public RDD<List<T>> glom() {
    return new MapPartitionsRDD<>(this, (index, it) -> List.<List<T>>of(Iterators.toList(it)).iterator(), false);
  }

  // ---------------------------------------------------------------- persistence

  /** Keeps computed partitions at {@code level}; the level can be set once (until unpersist). */
  public RDD<T> persist(StorageLevel level) {
    if (storageLevel != StorageLevel.NONE && !storageLevel.equals(level)) {
      throw new SluiceException("RDD " + id + " is already persisted at " + storageLevel
          + "; cannot change it to " + level + " (unpersist it first)");
    }
    storageLevel = level;
    context().registerPersisted(this);
    return this;
  }

  public RDD<T> cache() {
    return persist(StorageLevel.MEMORY_ONLY);
  }

  /** Drops stored partitions from every executor; later reads recompute them. */
  public RDD<T> unpersist() {
    storageLevel = StorageLevel.NONE;
    context().unpersist(id);
    return this;
  }

  public StorageLevel getStorageLevel() {
    return storageLevel;
  }

  /**
   * Saves this RDD's partitions to the context's checkpoint directory the next time a job computes
   * it, and then forgets its lineage. Call before the first action on it.
   */
  public void checkpoint() {
    checkpoint.request(this);
  }

  public boolean isCheckpointed() {
    return checkpoint.isDone();
  }

  /** Engine hook: shuffles that were in this RDD's lineage before a checkpoint cut it (driver only). */
  public final Set<Integer> shufflesCutByCheckpoint() {
    return shufflesCutByCheckpoint == null ? Set.of() : shufflesCutByCheckpoint;
  }

  /** Engine hook: the checkpoint state of this RDD. */
  public final RddCheckpoint checkpointState() {
    return checkpoint;
  }

  // ---------------------------------------------------------------- actions

  public List<T> collect() {
    List<List<T>> parts = context().runJob(this, (ctx, it) -> Iterators.toList(it));
    List<T> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  public long count() {
    return context().runJob(this, (ctx, it) -> {
      long n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      return n;
    }).stream().mapToLong(Long::longValue).sum();
  }

  public T first() {
    List<T> one = take(1);
    if (one.isEmpty()) {
      throw new SluiceException("first() called on an empty RDD " + id);
    }
    return one.get(0);
  }

  /** The first {@code n} records, reading as few partitions as possible. */
  public List<T> take(int n) {
    return RddActions.take(this, n);
  }

  public T reduce(Function2<T, T, T> f) {
    return RddActions.reduce(this, f);
  }

  public T fold(T zero, Function2<T, T, T> f) {
    return RddActions.fold(this, zero, f);
  }

  public Map<T, Long> countByValue() {
    return mapToPair(x -> new Tuple2<>(x, 1L)).reduceByKey(Long::sum).collectAsMap();
  }

  public void foreach(VoidFunction<T> f) {
    context().runJob(this, (ctx, it) -> {
      while (it.hasNext()) {
        f.call(it.next());
      }
      return Boolean.TRUE;
    });
  }

  public void foreachPartition(VoidFunction<Iterator<T>> f) {
    context().runJob(this, (ctx, it) -> {
      f.call(it);
      return Boolean.TRUE;
    });
  }

  /** Writes each record's {@code toString()} as a line, one {@code part-NNNNN} file per partition. */
  public void saveAsTextFile(String path) {
    FileOutputs.saveAsTextFile(this, path);
  }

  /** Writes the records serialized (with the configured serializer) into SequenceFiles. */
  public void saveAsObjectFile(String path) {
    FileOutputs.saveAsObjectFile(this, path);
  }

  static void checkPartitions(int numPartitions) {
    if (numPartitions <= 0) {
      throw new SluiceException("Number of partitions must be positive, got " + numPartitions);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id + "]";
  }
}
