package io.sluice.examples;

import io.sluice.core.SluiceConf;

/** Small pieces every example shares: the configuration default and argument handling. */
final class Examples {
  /** Two threads: one runs the receiver, the other processes the batches (see the guide). */
  static final String DEFAULT_MASTER = "local[2]";

  private Examples() {}

  /**
   * A configuration named {@code appName}. The master comes from {@code -Dsluice.master=...}
   * (which {@link SluiceConf} reads by itself, and {@code bin/sluice-run-example} sets from
   * {@code SLUICE_MASTER}); without it the example runs in-process on {@value #DEFAULT_MASTER}.
   */
  static SluiceConf conf(String appName) {
    return new SluiceConf().setAppName(appName).setIfMissing("sluice.master", DEFAULT_MASTER);
  }

  /** Prints the usage line (and an optional reason) to stderr and exits with status 1. */
  static void exitWithUsage(String usage, String reason) {
    if (reason != null) {
      System.err.println(reason);
    }
    System.err.println("Usage: " + usage);
    System.exit(1);
  }

  /** Parses a positive integer argument, or exits with the usage when it is not one. */
  static int positiveInt(String value, String what, String usage) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage message
    }
    exitWithUsage(usage, what + " must be a positive integer, got '" + value + "'");
    throw new AssertionError("unreachable");
  }

  /** A new temporary directory for the checkpoints of an example run without one. */
  static String tempCheckpointDir(String name) throws java.io.IOException {
    return java.nio.file.Files.createTempDirectory("sluice-" + name).toUri().toString();
  }
}
