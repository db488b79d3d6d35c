package io.sluice.api.function;

import java.io.Serializable;
import java.util.Iterator;
/**
 * A function returning zero or more results. Serializable so that it can be shipped to executors and
 * written into checkpoints.
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
  /** Computes the results for one input; an exception fails the task that runs it. */
  Iterator<R> call(T t) throws Exception;
}
