package io.sluice.internal.rdd;

import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
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
    return parent().partitions();
  }

  @Override
  public Iterator<R> compute(Partition split, TaskContextImpl context) throws Exception {
    return f.apply(split.index(), parent().iterator(split, context));
  }

  @Override
  protected Optional<Partitioner> knownPartitioner() {
    return preservesPartitioning ? parent().partitionerIfKnown() : Optional.empty();
  }

  @Override
  protected java.util.List<String> locationsOf(Partition split) {
    return parent().preferredLocations(split);
  }
}
