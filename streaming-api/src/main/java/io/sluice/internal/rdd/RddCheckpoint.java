package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.io.CheckpointFiles;
import java.io.Serializable;
import java.util.Iterator;

/**
 * The checkpoint state of one RDD: not requested, requested (written after the next job that
 * computes the RDD), or done (partitions are read from files; the lineage is forgotten).
 * Travels with the RDD to executors, which read checkpointed partitions from the files.
 */
public final class RddCheckpoint implements Serializable {
  private static final long serialVersionUID = 1L;
  private enum State { NONE, REQUESTED, DONE }

  private volatile State state = State.NONE;
  private volatile String directory;
  private volatile int numPartitions;

  public void request(RDD<?> rdd) {
    if (rdd.context().checkpointDir().isEmpty()) {
      throw new SluiceException("Cannot checkpoint RDD " + rdd.id() + ": no checkpoint directory is set "
          + "(set one with StreamingContext.checkpoint(dir) or SluiceContext.setCheckpointDir(dir))");
    }
    if (state == State.NONE) {
      state = State.REQUESTED;
    }
  }

  public boolean isRequested() {
    return state == State.REQUESTED;
  }

  public boolean isDone() {
    return state == State.DONE;
  }

  /** Called on the driver once the RDD's partitions are saved under {@code directory}. */
  public void markDone(String directory, int numPartitions) {
    this.directory = directory;
    this.numPartitions = numPartitions;
    this.state = State.DONE;
  }

  public String directory() {
    return directory;
  }

  public Partition[] partitions() {
    Partition[] parts = new Partition[numPartitions];
    for (int i = 0; i < numPartitions; i++) {
      parts[i] = new IndexPartition(i);
    }
    return parts;
  }

  public <T> Iterator<T> read(Partition split, TaskContextImpl context) {
    return CheckpointFiles.readPartition(directory, split.index(), context.env());
  }
}
