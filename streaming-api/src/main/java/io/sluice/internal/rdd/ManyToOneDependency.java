package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import java.util.List;

/** Each child partition reads a group of parent partitions without a shuffle: coalesce. */
public final class ManyToOneDependency extends NarrowDependency {
  private static final long serialVersionUID = 1L;
  private final List<List<Integer>> groups;

  public ManyToOneDependency(RDD<?> rdd, List<List<Integer>> groups) {
    super(rdd);
    this.groups = groups;
  }

  @Override
  public List<Integer> parentPartitions(int childIndex) {
    return groups.get(childIndex);
  }
}
