package io.sluice.core;

import io.sluice.api.Tuple2;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import io.sluice.api.function.PairFlatMapFunction;
import io.sluice.api.function.PairFunction;
import io.sluice.api.function.VoidFunction;
import io.sluice.internal.access.Internals;
import io.sluice.internal.access.RddAccess;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.io.FileOutputs;
import io.sluice.internal.rdd.CoalescedRDD;
import io.sluice.internal.rdd.Dependency;
import io.sluice.internal.rdd.MapPartitionsRDD;
import io.sluice.internal.rdd.OneToOneDependency;
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
 * <p>To write a new kind of RDD, extend this class and implement {@link #computePartitions()} and
 * {@link #compute(Partition, TaskContext)}.
 */
public abstract class RDD<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  static {
    Internals.install(new Access());
  }

  private final transient SluiceContext sc;
  private final int id;
  // Not final: engine RDDs with several or non-one-to-one parents set it right after construction
  // (RddAccess.setDependencies), and a checkpoint replaces the lineage with the saved files.
  private volatile List<Dependency> dependencies;
  // Computed on the driver before the first job and shipped with tasks, so executors never list files etc.
  private Partition[] partitions;
  private StorageLevel storageLevel = StorageLevel.NONE;
  private final RddCheckpoint checkpoint = new RddCheckpoint();
  // Saved files keep the partitioning they were written with, so joins on them stay narrow.
  private Partitioner partitionerAtCheckpoint;
  // Shuffles in the lineage a checkpoint cut off: still this RDD's to free when it is dropped.
  private transient Set<Integer> shufflesCutByCheckpoint = Set.of();

  /**
   * An RDD without parents (it reads its data from somewhere else), created on the driver.
   *
   * @param sc the context of the driver
   */
  protected RDD(SluiceContext sc) {
    this.sc = sc;
    this.id = sc.newRddId();
    this.dependencies = List.of();
  }

  /**
   * An RDD whose partition i is computed from partition i of {@code parent}, in the same context.
   *
   * @param parent the RDD this one is computed from; see {@link #parent(int)}
   */
  protected RDD(RDD<?> parent) {
    this(parent.context());
    this.dependencies = List.of(new OneToOneDependency(parent));
  }

  // ---------------------------------------------------------------- what subclasses implement

  /**
   * Lists the partitions of this RDD; called once, on the driver, before the first job that needs
   * them. Partition {@code i} of the result must have {@link Partition#index()} {@code i}.
   *
   * @return the partitions, in order
   */
  protected abstract Partition[] computePartitions();

  /**
   * Computes one partition, in a task on an executor. Exceptions propagate to the job (and fail the
   * task attempt) unchanged.
   *
   * @param split one of the partitions {@link #computePartitions()} returned
   * @param context the running task
   * @return the records of the partition
   * @throws Exception when the records cannot be computed
   */
  protected abstract Iterator<T> compute(Partition split, TaskContext context) throws Exception;

  // ---------------------------------------------------------------- engine only (reached through Access)

  /** How the records are partitioned by key, when known; after a checkpoint, as they were saved. */
  final Optional<Partitioner> partitionerIfKnown() {
    return checkpoint.isDone() ? Optional.ofNullable(partitionerAtCheckpoint) : knownPartitioner();
  }

  /** Executors (ids) where a partition's data already is, best first. */
  private List<String> preferredLocations(Partition split) {
    if (storageLevel != StorageLevel.NONE && sc != null) {
      List<String> cached = sc.backend().blockLocations(new BlockId.RddBlock(id, split.index()));
      if (!cached.isEmpty()) {
        return cached;
      }
    }
    return checkpoint.isDone() ? List.of() : locationsOf(split);
  }

  // ---------------------------------------------------------------- what subclasses may override

  /**
   * How the records are partitioned by key, when that is known (e.g. after a shuffle), so that
   * operations by key with the same partitioner need no shuffle. Empty by default.
   *
   * @return the partitioner of this RDD's records, if known
   */
  protected Optional<Partitioner> knownPartitioner() {
    return Optional.empty();
  }

  /**
   * Hosts or executors where computing {@code split} is cheapest (e.g. where its input is stored),
   * best first; none by default.
   *
   * @param split one of this RDD's partitions
   * @return preferred locations, possibly empty
   */
  protected List<String> locationsOf(Partition split) {
    return List.of();
  }

  /**
   * Parent {@code i} of this RDD (0 for the parent given to {@link #RDD(RDD)}). Subclasses reach
   * their parents only this way, because a checkpoint replaces the lineage.
   *
   * @param i the position of the parent
   * @param <U> the record type of the parent
   * @return the parent RDD
   */
  @SuppressWarnings("unchecked")
  protected final <U> RDD<U> parent(int i) {
    return (RDD<U>) dependencies.get(i).rdd();
  }

  // ---------------------------------------------------------------- engine only (reached through Access)

  private synchronized void markCheckpointed(String directory) {
    int n = partitions().length;
    partitionerAtCheckpoint = knownPartitioner().orElse(null);
    shufflesCutByCheckpoint = Set.copyOf(ShuffleLineage.directShufflesOf(this));
    checkpoint.markDone(directory, n);
    dependencies = List.of();
    partitions = null;
  }

  final synchronized Partition[] partitions() {
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
  final Iterator<T> iterator(Partition split, TaskContextImpl context) throws Exception {
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

  /** A number unique among the RDDs of this context. */
  public final int id() {
    return id;
  }

  /** The number of partitions. */
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

  /** The records transformed one by one by {@code f}. */
  public <R> RDD<R> map(Function<T, R> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> Iterators.map(it, f), false);
  }

  /** The records each transformed by {@code f} into zero or more records. */
  public <R> RDD<R> flatMap(FlatMapFunction<T, R> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> Iterators.flatMap(it, f), false);
  }

  /** The records for which {@code f} returns true. */
  public RDD<T> filter(Function<T, Boolean> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> Iterators.filter(it, f), true);
  }

  /** Each partition transformed as a whole by {@code f} (called once per partition). */
  public <R> RDD<R> mapPartitions(FlatMapFunction<Iterator<T>, R> f) {
    return new MapPartitionsRDD<>(this, (index, it) -> f.call(it), false);
  }

  /** Each partition transformed as a whole by {@code f}, given the partition index. */
  public <R> RDD<R> mapPartitionsWithIndex(Function2<Integer, Iterator<T>, Iterator<R>> f) {
    return new MapPartitionsRDD<>(this, f::call, false);
  }

  /** The records transformed one by one into key-value pairs. */
  public <K, V> PairRDD<K, V> mapToPair(PairFunction<T, K, V> f) {
    return PairRDD.fromRDD(new MapPartitionsRDD<T, Tuple2<K, V>>(this, (index, it) -> Iterators.map(it, f::call),
        false));
  }

  /** The records each transformed into zero or more key-value pairs. */
  public <K, V> PairRDD<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> f) {
    return PairRDD.fromRDD(new MapPartitionsRDD<T, Tuple2<K, V>>(this,
        (index, it) -> Iterators.flatMap(it, f::call), false));
  }

  /** The records of this RDD and of {@code other} (duplicates kept), without a shuffle. */
  public RDD<T> union(RDD<T> other) {
    return new UnionRDD<>(context(), List.of(this, other));
  }

  /** The distinct records, through a shuffle into as many partitions as this RDD has. */
  public RDD<T> distinct() {
    return distinct(Math.max(1, getNumPartitions()));
  }

  /** The distinct records, through a shuffle into {@code numPartitions} partitions. */
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

  /** Each partition as one list. */
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

  /** Same as {@code persist(StorageLevel.MEMORY_ONLY)}. */
  public RDD<T> cache() {
    return persist(StorageLevel.MEMORY_ONLY);
  }

  /** Drops stored partitions from every executor; later reads recompute them. */
  public RDD<T> unpersist() {
    storageLevel = StorageLevel.NONE;
    context().unpersist(id);
    return this;
  }

  /** The level set with {@link #persist}, or {@link StorageLevel#NONE}. */
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

  /** Whether this RDD has been saved by {@link #checkpoint()} (and its lineage dropped). */
  public boolean isCheckpointed() {
    return checkpoint.isDone();
  }

  // ---------------------------------------------------------------- actions

  /** All records, in partition order, on the driver (they must fit in its memory). */
  public List<T> collect() {
    List<List<T>> parts = context().runJob(this, (ctx, it) -> Iterators.toList(it));
    List<T> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  /** The number of records. */
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

  /** The first record; fails when the RDD is empty. */
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

  /** The records combined with {@code f}, which must be associative and commutative; fails when empty. */
  public T reduce(Function2<T, T, T> f) {
    return RddActions.reduce(this, f);
  }

  /** The records combined with {@code f}, starting from {@code zero} in each partition and for the result. */
  public T fold(T zero, Function2<T, T, T> f) {
    return RddActions.fold(this, zero, f);
  }

  /** How often each distinct record occurs, on the driver. */
  public Map<T, Long> countByValue() {
    return mapToPair(x -> new Tuple2<>(x, 1L)).reduceByKey(Long::sum).collectAsMap();
  }

  /** Runs {@code f} on every record, on the executors. */
  public void foreach(VoidFunction<T> f) {
    context().runJob(this, (ctx, it) -> {
      while (it.hasNext()) {
        f.call(it.next());
      }
      return Boolean.TRUE;
    });
  }

  /** Runs {@code f} once per partition, on the executors. */
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

  /** Opens the engine-only members above to the engine, through {@link Internals#rdd()}. */
  private static final class Access implements RddAccess {
    @Override
    public List<Dependency> dependencies(RDD<?> rdd) {
      return rdd.dependencies;
    }

    @Override
    public void setDependencies(RDD<?> rdd, List<Dependency> dependencies) {
      rdd.dependencies = List.copyOf(dependencies);
    }

    @Override
    public Partition[] partitions(RDD<?> rdd) {
      return rdd.partitions();
    }

    @Override
    public <T> Iterator<T> iterator(RDD<T> rdd, Partition split, TaskContext context) throws Exception {
      return rdd.iterator(split, (TaskContextImpl) context);
    }

    @Override
    public Optional<Partitioner> partitionerIfKnown(RDD<?> rdd) {
      return rdd.partitionerIfKnown();
    }

    @Override
    public List<String> preferredLocations(RDD<?> rdd, Partition split) {
      return rdd.preferredLocations(split);
    }

    @Override
    public RddCheckpoint checkpointState(RDD<?> rdd) {
      return rdd.checkpoint;
    }

    @Override
    public void markCheckpointed(RDD<?> rdd, String directory) {
      rdd.markCheckpointed(directory);
    }

    @Override
    public Set<Integer> shufflesCutByCheckpoint(RDD<?> rdd) {
      return rdd.shufflesCutByCheckpoint == null ? Set.of() : rdd.shufflesCutByCheckpoint;
    }
  }
}
