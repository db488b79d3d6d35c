package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import java.util.List;

/**
 * Each child partition depends on a few known parent partitions, so both are computed in the same
 * task (one stage). Holds the parent itself: the executor computes through it.
 */
public abstract class NarrowDependency implements Dependency {
  private static final long serialVersionUID = 1L;
  private final RDD<?> rdd;

  protected NarrowDependency(RDD<?> rdd) {
    this.rdd = rdd;
  }

  @Override
  public RDD<?> rdd() {
    return rdd;
  }

  /** The parent partitions child partition {@code childIndex} reads. */
  public abstract List<Integer> parentPartitions(int childIndex);
}
