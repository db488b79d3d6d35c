package io.sluice.internal.rdd;

import java.io.Serializable;
import java.util.Iterator;

/** Turns one partition's records into the derived partition's records; shipped with the task. */
@FunctionalInterface
public interface PartitionFunction<T, R> extends Serializable {
  Iterator<R> apply(int partitionIndex, Iterator<T> records) throws Exception;
}
