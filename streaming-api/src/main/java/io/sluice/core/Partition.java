package io.sluice.core;

import java.io.Serializable;

/**
 * One slice of an {@link RDD}. Partition objects travel with tasks to executors, so they carry
 * whatever an executor needs to compute the slice (e.g. the parent partitions it is made of, or a
 * file split), and must be serializable.
 */
public interface Partition extends Serializable {
  /** The position of this partition in its RDD, from 0; equal to its index in {@code RDD}'s partition list. */
  int index();
}
