package io.sluice.internal.rdd;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.Partition;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.shuffle.ShuffleReader;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The result of a shuffle: records regrouped by key, optionally combined per key. */
public final class ShuffledRDD<K, V, C> extends PairRDD<K, C> {
  private static final long serialVersionUID = 1L;
  private final Partitioner partitioner;

  /** @param aggregator null to only move records to their key's partition */
  public ShuffledRDD(RDD<Tuple2<K, V>> parent, Partitioner partitioner, Aggregator<V, C> aggregator,
                     boolean mapSideCombine) {
    super(parent.context());
    Internals.rdd().setDependencies(this, List.of(new ShuffleDependency(parent,
        Internals.context().newShuffleId(parent.context()), partitioner, aggregator, mapSideCombine)));
    this.partitioner = partitioner;
  }

  public ShuffleDependency shuffleDependency() {
    return (ShuffleDependency) Internals.rdd().dependencies(this).get(0);
  }

  @Override
  protected Partition[] computePartitions() {
    Partition[] parts = new Partition[partitioner.numPartitions()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new IndexPartition(i);
    }
    return parts;
  }

  @Override
  protected Iterator<Tuple2<K, C>> compute(Partition split, TaskContext task) throws Exception {
    TaskContextImpl context = (TaskContextImpl) task;
    return ShuffleReader.read(shuffleDependency(), split.index(), context);
  }

  @Override
  protected Optional<Partitioner> knownPartitioner() {
    return Optional.of(partitioner);
  }
}
