package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.util.Iterators;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Fewer partitions by reading runs of neighbouring parent partitions in one task. */
public final class CoalescedRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  private final List<List<Integer>> groups;

  record CoalescedPartition(int index, List<Partition> parents) implements Partition {}

  public CoalescedRDD(RDD<T> parent, int maxPartitions) {
    this(parent, groups(parent.getNumPartitions(), maxPartitions));
  }

  private CoalescedRDD(RDD<T> parent, List<List<Integer>> groups) {
    super(parent.context());
    Internals.rdd().setDependencies(this, List.of(new ManyToOneDependency(parent, groups)));
    this.groups = groups;
  }

  /** Splits {@code parents} partition indexes into at most {@code maxPartitions} contiguous runs. */
  static List<List<Integer>> groups(int parents, int maxPartitions) {
    int n = Math.max(1, Math.min(parents, maxPartitions));
    List<List<Integer>> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int from = (int) ((long) i * parents / n);
      int to = (int) ((long) (i + 1) * parents / n);
      List<Integer> group = new ArrayList<>();
      for (int p = from; p < to; p++) {
        group.add(p);
      }
      groups.add(List.copyOf(group));
    }
    return List.copyOf(groups);
  }

  @Override
  protected Partition[] computePartitions() {
    Partition[] parentPartitions = Internals.rdd().partitions(parent(0));
    Partition[] out = new Partition[groups.size()];
    for (int i = 0; i < out.length; i++) {
      List<Partition> members = new ArrayList<>();
      for (int p : groups.get(i)) {
        members.add(parentPartitions[p]);
      }
      out[i] = new CoalescedPartition(i, members);
    }
    return out;
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext context) throws Exception {
    List<Iterator<T>> parts = new ArrayList<>();
    for (Partition p : ((CoalescedPartition) split).parents()) {
      parts.add(Internals.rdd().iterator(this.<T>parent(0), p, context));
    }
    return Iterators.concat(parts);
  }
}
