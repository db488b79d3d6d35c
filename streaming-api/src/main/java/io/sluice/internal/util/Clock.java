package io.sluice.internal.util;

/** The time source of batch scheduling; tests inject {@link ManualClock}. */
public interface Clock {
  long currentTimeMillis();

  /** Blocks until the clock reads at least {@code targetMillis}; returns the time then. */
  long waitTillTime(long targetMillis) throws InterruptedException;
}
