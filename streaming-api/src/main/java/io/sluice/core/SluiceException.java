package io.sluice.core;

/**
 * The root of every error Sluice raises. Messages carry their context, e.g.
 * "batch 1700000001000 ms, output op 2 (saveAsTextFiles): ...", so a log line alone says where.
 */
public class SluiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public SluiceException(String message) {
    super(message);
  }

  public SluiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
