package io.sluice.internal.streaming.scheduler;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one-partition RDD a receiver runs in. Its preferred location is asked anew at every launch,
 * so a receiver relaunched after its executor died is placed on an executor without a receiver.
 */
final class ReceiverPlacementRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  private final transient Supplier<List<String>> placement;

  ReceiverPlacementRDD(RDD<T> receiver, Supplier<List<String>> placement) {
    super(receiver);
    this.placement = placement;
  }

  @Override
  protected Partition[] computePartitions() {
    return Internals.rdd().partitions(parent(0));
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext context) throws Exception {
    return Internals.rdd().iterator(this.<T>parent(0), split, context);
  }

  @Override
  protected List<String> locationsOf(Partition split) {
    return placement == null ? List.of() : placement.get();
  }
}
