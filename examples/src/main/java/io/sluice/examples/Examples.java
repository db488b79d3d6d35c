package io.sluice.examples;

import io.sluice.core.SluiceConf;
import io.sluice.examples.util.LineServer;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import java.util.function.Function;

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

  /**
   * Runs a socket example whose computation needs a checkpoint directory. Arguments:
   * {@code <hostname> <port> [checkpointDir]} (runs until killed), or {@code --demo [seconds]}
   * (a built-in line server, a temporary checkpoint directory, then a graceful stop and exit).
   */
  static void runCheckpointedSocketExample(String name, String[] args, String usage, int demoSeconds,
                                           Function<DStream<String>, DStream<?>> pipeline) throws Exception {
    if (args.length >= 1 && args[0].equals("--demo")) {
      int seconds = args.length == 2 ? positiveInt(args[1], "seconds", usage) : demoSeconds;
      try (LineServer server = new LineServer()) {
        run(name, server.host(), server.port(), tempCheckpointDir(name), seconds, pipeline);
      }
      System.exit(0);
    }
    if (args.length < 2 || args.length > 3) {
      exitWithUsage(usage, null);
    }
    int port = positiveInt(args[1], "port", usage);
    run(name, args[0], port, args.length == 3 ? args[2] : tempCheckpointDir(name), 0, pipeline);
  }

  /**
   * Runs a socket example that defines its own outputs with {@code define}. Arguments:
   * {@code <hostname> <port>} (runs until killed), or {@code --demo [seconds]} (a built-in line
   * server, then a graceful stop and exit).
   */
  static void runSocketExample(String name, String[] args, String usage, int demoSeconds,
                               java.util.function.BiConsumer<StreamingContext, DStream<String>> define)
      throws Exception {
    boolean demo = args.length >= 1 && args[0].equals("--demo");
    if (demo ? args.length > 2 : args.length != 2) {
      exitWithUsage(usage, null);
    }
    StreamingContext ssc = new StreamingContext(conf(name), Durations.seconds(1));
    if (!demo) {
      define.accept(ssc, ssc.socketTextStream(args[0], positiveInt(args[1], "port", usage)));
      ssc.start();
      ssc.awaitTermination();
      return;
    }
    int seconds = args.length == 2 ? positiveInt(args[1], "seconds", usage) : demoSeconds;
    try (LineServer server = new LineServer()) {
      define.accept(ssc, ssc.socketTextStream(server.host(), server.port()));
      ssc.start();
      ssc.awaitTerminationOrTimeout(seconds * 1000L);
      ssc.stop(true, true);
    }
    System.exit(0);
  }

  /** Runs for {@code seconds} and stops gracefully, or until killed when 0. */
  private static void run(String name, String host, int port, String checkpointDir, int seconds,
                          Function<DStream<String>, DStream<?>> pipeline) throws Exception {
    StreamingContext ssc = new StreamingContext(conf(name), Durations.seconds(1));
    ssc.checkpoint(checkpointDir);
    pipeline.apply(ssc.socketTextStream(host, port)).print();
    ssc.start();
    if (seconds > 0) {
      ssc.awaitTerminationOrTimeout(seconds * 1000L);
      ssc.stop(true, true);
    } else {
      ssc.awaitTermination();
    }
  }
}
