package io.sluice.core;

import java.io.Serializable;

/** Decides which partition of a shuffled dataset a key goes to. */
public abstract class Partitioner implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The number of partitions keys are spread over. */
  public abstract int numPartitions();

  /** A partition index in {@code [0, numPartitions())} for the key; must be deterministic. */
  public abstract int getPartition(Object key);
}
