package io.sluice.internal.rdd;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.Partition;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Gives an RDD of pairs the key-value operations; passes partitions through untouched. */
public final class PairRDDView<K, V> extends PairRDD<K, V> {
  private static final long serialVersionUID = 1L;

  public PairRDDView(RDD<Tuple2<K, V>> parent) {
    super(parent);
  }

  private RDD<Tuple2<K, V>> parent() {
    return parent(0);
  }

  @Override
  protected Partition[] computePartitions() {
    return Internals.rdd().partitions(parent());
  }

  @Override
  protected Iterator<Tuple2<K, V>> compute(Partition split, TaskContext context) throws Exception {
    return Internals.rdd().iterator(parent(), split, context);
  }

  @Override
  protected Optional<Partitioner> knownPartitioner() {
    return Internals.rdd().partitionerIfKnown(parent());
  }

  @Override
  protected List<String> locationsOf(Partition split) {
    return Internals.rdd().preferredLocations(parent(), split);
  }
}
