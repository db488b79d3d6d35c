package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.internal.executor.TaskContextImpl;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** An RDD with no partitions. */
public final class EmptyRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  public EmptyRDD(SluiceContext sc) {
    super(sc);
  }

  @Override
  protected Partition[] computePartitions() {
    return new Partition[0];
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext context) {
    return Collections.emptyIterator();
  }
}
