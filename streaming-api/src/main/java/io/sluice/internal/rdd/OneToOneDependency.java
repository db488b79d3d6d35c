package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import java.util.List;

/** Child partition i is computed from parent partition i. */
public final class OneToOneDependency extends NarrowDependency {
  private static final long serialVersionUID = 1L;
  public OneToOneDependency(RDD<?> rdd) {
    super(rdd);
  }

  @Override
  public List<Integer> parentPartitions(int childIndex) {
    return List.of(childIndex);
  }
}
