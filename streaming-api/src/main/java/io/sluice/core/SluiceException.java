package io.sluice.core;

/**
 * The root of every error Sluice raises. Messages carry their context, e.g.
 * "batch 1700000001000 ms, output op 2 (saveAsTextFiles): ...", so a log line alone says where.
 */
public class SluiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** An error with a message that says what failed and where. */
  public SluiceException(String message) {
    super(message);
  }

  /** An error with a message that says what failed and where, caused by {@code cause}. */
  public SluiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
