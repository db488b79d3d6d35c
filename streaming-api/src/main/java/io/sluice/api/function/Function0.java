package io.sluice.api.function;

import java.io.Serializable;

/** A function without arguments. Serializable so that it can be shipped to executors and written into checkpoints. */
@FunctionalInterface
public interface Function0<R> extends Serializable {
  /** Computes the result; an exception propagates to the caller. */
  R call() throws Exception;
}
