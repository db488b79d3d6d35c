package io.sluice.internal.rdd;

import java.io.Serializable;

/**
 * One slice of an RDD. Partition objects travel with tasks, so they carry whatever an executor
 * needs to compute the slice (e.g. the parent partitions it is made of, or a file split).
 */
public interface Partition extends Serializable {
  int index();
}
