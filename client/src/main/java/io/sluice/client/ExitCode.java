package io.sluice.client;

/** What {@code sluice-submit} returns to the shell. */
final class ExitCode {
  /** The operation worked; for a watched submission, the application SUCCEEDED. */
  static final int OK = 0;
  /** The application ended FAILED or KILLED, or an operation on the cluster failed. */
  static final int FAILED = 1;
  /** The command line was wrong: usage plus the specific problem were printed. */
  static final int USAGE = 2;

  private ExitCode() {}
}
