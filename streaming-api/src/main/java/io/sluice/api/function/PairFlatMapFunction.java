package io.sluice.api.function;

import java.io.Serializable;
import io.sluice.api.Tuple2;
import java.util.Iterator;
/**
 * A function returning zero or more key-value pairs. Serializable so that it can be shipped to
 * executors and written into checkpoints.
 */
@FunctionalInterface
public interface PairFlatMapFunction<T, K, V> extends Serializable {
  /** Computes the pairs for one input; an exception fails the task that runs it. */
  Iterator<Tuple2<K, V>> call(T t) throws Exception;
}
