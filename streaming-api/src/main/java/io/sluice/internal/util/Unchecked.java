package io.sluice.internal.util;

/**
 * Rethrows a checked exception from code that cannot declare it (lazy iterators over user
 * functions). The original exception object travels unchanged, so a task failure reports exactly
 * what the user's function threw.
 */
public final class Unchecked {
  private Unchecked() {}

  public static RuntimeException rethrow(Throwable t) {
    throw Unchecked.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
