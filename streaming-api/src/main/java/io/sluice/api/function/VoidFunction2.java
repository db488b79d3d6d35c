package io.sluice.api.function;

import java.io.Serializable;

/**
 * A two-argument function run for its effect. Serializable so that it can be shipped to executors and
 * written into checkpoints.
 */
@FunctionalInterface
public interface VoidFunction2<T1, T2> extends Serializable {
  /** Acts on two inputs; an exception fails the task that runs it. */
  void call(T1 a, T2 b) throws Exception;
}
