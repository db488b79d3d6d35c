package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import java.util.List;

/** Child partitions [outStart, outStart + length) map to parent partitions [inStart, ...): a union. */
public final class RangeDependency extends NarrowDependency {
  private static final long serialVersionUID = 1L;
  private final int inStart;
  private final int outStart;
  private final int length;

  public RangeDependency(RDD<?> rdd, int inStart, int outStart, int length) {
    super(rdd);
    this.inStart = inStart;
    this.outStart = outStart;
    this.length = length;
  }

  @Override
  public List<Integer> parentPartitions(int childIndex) {
    return childIndex >= outStart && childIndex < outStart + length ? List.of(childIndex - outStart + inStart)
        : List.of();
  }
}
