package io.sluice.core;

import java.io.Serializable;

/**
 * A read-only value shipped once to each executor instead of with every task. Create with
 * {@link SluiceContext#broadcast}; read with {@link #value()} inside functions.
 */
public abstract class Broadcast<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The value; on executors it is fetched once and cached. */
  public abstract T value();

  /** Removes the value's copies from executors; later use on executors fails. */
  public abstract void unpersist();
}
