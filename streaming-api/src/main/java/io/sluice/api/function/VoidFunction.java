package io.sluice.api.function;

import java.io.Serializable;

/**
 * A one-argument function run for its effect. Serializable so that it can be shipped to executors and
 * written into checkpoints.
 */
@FunctionalInterface
public interface VoidFunction<T> extends Serializable {
  /** Acts on one input; an exception fails the task that runs it. */
  void call(T t) throws Exception;
}
