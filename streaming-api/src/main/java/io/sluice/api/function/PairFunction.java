package io.sluice.api.function;

import java.io.Serializable;
import io.sluice.api.Tuple2;
/**
 * A function returning a key-value pair. Serializable so that it can be shipped to executors and
 * written into checkpoints.
 */
@FunctionalInterface
public interface PairFunction<T, K, V> extends Serializable {
  /** Computes the pair for one input; an exception fails the task that runs it. */
  Tuple2<K, V> call(T t) throws Exception;
}
