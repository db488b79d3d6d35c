package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.io.CheckpointFiles;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** An RDD a previous driver saved as an RDD checkpoint, read back after recovery (e.g. a stream's state). */
public final class RecoveredCheckpointRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  private final String directory;
  private final int numPartitions;
  private final Partitioner partitioner;

  public RecoveredCheckpointRDD(SluiceContext sc, String directory, int numPartitions, Partitioner partitioner) {
    super(sc);
    this.directory = directory;
    this.numPartitions = numPartitions;
    this.partitioner = partitioner;
  }

  @Override
  protected Partition[] computePartitions() {
    Partition[] parts = new Partition[numPartitions];
    for (int i = 0; i < numPartitions; i++) {
      parts[i] = new IndexPartition(i);
    }
    return parts;
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext task) {
    TaskContextImpl context = (TaskContextImpl) task;
    return CheckpointFiles.readPartition(directory, split.index(), context.env());
  }

  @Override
  protected Optional<Partitioner> knownPartitioner() {
    return Optional.ofNullable(partitioner);
  }
}
