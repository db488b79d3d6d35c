package io.sluice.api.function;

import java.io.Serializable;

/** A three-argument function. Serializable so that it can be shipped to executors and written into checkpoints. */
@FunctionalInterface
public interface Function3<T1, T2, T3, R> extends Serializable {
  /** Computes the result for three inputs; an exception fails the task that runs it. */
  R call(T1 a, T2 b, T3 c) throws Exception;
}
