package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.internal.executor.TaskContextImpl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A driver-side list cut into slices; each slice travels inside its partition. */
public final class ParallelCollectionRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  private final List<List<T>> slices;

  record SlicePartition<T>(int index, List<T> values) implements Partition {}

  public ParallelCollectionRDD(SluiceContext sc, List<T> data, int numSlices) {
    super(sc);
    List<List<T>> cut = new ArrayList<>(numSlices);
    int n = data.size();
    for (int i = 0; i < numSlices; i++) {
      int from = (int) ((long) i * n / numSlices);
      int to = (int) ((long) (i + 1) * n / numSlices);
      cut.add(new ArrayList<>(data.subList(from, to)));
    }
    this.slices = cut;
  }

  @Override
  protected Partition[] computePartitions() {
    Partition[] parts = new Partition[slices.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new SlicePartition<>(i, slices.get(i));
    }
    return parts;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Iterator<T> compute(Partition split, TaskContext context) {
    return ((SlicePartition<T>) split).values().iterator();
  }
}
