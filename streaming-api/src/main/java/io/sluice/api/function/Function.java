package io.sluice.api.function;

import java.io.Serializable;

/** A one-argument function. Serializable so that it can be shipped to executors and written into checkpoints. */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
  /** Computes the result for one input; an exception fails the task that runs it. */
  R call(T t) throws Exception;
}
