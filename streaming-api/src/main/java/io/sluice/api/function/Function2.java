package io.sluice.api.function;

import java.io.Serializable;

/** A two-argument function. Serializable so that it can be shipped to executors and written into checkpoints. */
@FunctionalInterface
public interface Function2<T1, T2, R> extends Serializable {
  /** Computes the result for two inputs; an exception fails the task that runs it. */
  R call(T1 a, T2 b) throws Exception;
}
