package io.sluice.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for conditions that depend on real time (receivers, sockets, other threads), with a deadline. */
public final class Eventually {
  private Eventually() {}

  /** Waits until {@code condition} holds; fails naming {@code what} after {@code timeoutMs}. */
  public static void await(String what, long timeoutMs, BooleanSupplier condition) {
    await(what, timeoutMs, condition, () -> "");
  }

  /** As {@link #await(String, long, BooleanSupplier)}, adding {@code state} to the failure message. */
  public static void await(String what, long timeoutMs, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Timed out after " + timeoutMs + " ms waiting for " + what + " " + state.get());
      }
      pause(5);
    }
  }

  public static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
