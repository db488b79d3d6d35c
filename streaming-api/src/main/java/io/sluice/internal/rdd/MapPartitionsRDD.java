package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import java.util.Iterator;
import java.util.Optional;

/** Applies a function to each partition of one parent: map, flatMap, filter, mapPartitions, ... */
public final class MapPartitionsRDD<T, R> extends RDD<R> {
  private static final long serialVersionUID = 1L;
  private final PartitionFunction<T, R> f;
  private final boolean preservesPartitioning;

  /** @param preservesPartitioning true when {@code f} keeps every record's key (filter, mapValues) */
  public MapPartitionsRDD(RDD<T> parent, PartitionFunction<T, R> f, boolean preservesPartitioning) {
    super(parent);
    this.f = f;
    this.preservesPartitioning = preservesPartitioning;
  }

  private RDD<T> parent() {
    return parent(0);
  }

  @Override
  protected Partition[] computePartitions() {
    return Internals.rdd().partitions(parent());
  }

  @Override
  protected Iterator<R> compute(Partition split, TaskContext context) throws Exception {
    return f.apply(split.index(), Internals.rdd().iterator(parent(), split, context));
  }

  @Override
  protected Optional<Partitioner> knownPartitioner() {
    return preservesPartitioning ? Internals.rdd().partitionerIfKnown(parent()) : Optional.empty();
  }

  @Override
  protected java.util.List<String> locationsOf(Partition split) {
    return Internals.rdd().preferredLocations(parent(), split);
  }
}
