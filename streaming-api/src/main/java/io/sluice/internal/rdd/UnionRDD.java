package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The partitions of several RDDs side by side, without moving data. */
public final class UnionRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;

  record UnionPartition(int index, int parentIndex, Partition parentPartition) implements Partition {}

  public UnionRDD(SluiceContext sc, List<RDD<T>> parents) {
    super(sc);
    Internals.rdd().setDependencies(this, dependencies(parents));
  }

  private static <T> List<Dependency> dependencies(List<RDD<T>> parents) {
    List<Dependency> deps = new ArrayList<>();
    int out = 0;
    for (RDD<T> parent : parents) {
      int n = parent.getNumPartitions();
      deps.add(new RangeDependency(parent, 0, out, n));
      out += n;
    }
    return deps;
  }

  @Override
  protected Partition[] computePartitions() {
    List<Partition> all = new ArrayList<>();
    for (int p = 0; p < Internals.rdd().dependencies(this).size(); p++) {
      for (Partition parentPartition : Internals.rdd().partitions(parent(p))) {
        all.add(new UnionPartition(all.size(), p, parentPartition));
      }
    }
    return all.toArray(new Partition[0]);
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext context) throws Exception {
    UnionPartition u = (UnionPartition) split;
    return Internals.rdd().iterator(this.<T>parent(u.parentIndex()), u.parentPartition(), context);
  }

  @Override
  protected List<String> locationsOf(Partition split) {
    UnionPartition u = (UnionPartition) split;
    return Internals.rdd().preferredLocations(parent(u.parentIndex()), u.parentPartition());
  }
}
