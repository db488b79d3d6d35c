package io.sluice.examples;

import io.sluice.examples.util.LineServer;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;
import java.util.List;
import java.util.Optional;

/**
 * Running word counts since the start, printed every second: updateStateByKey keeps one count per
 * word across batches. State needs a checkpoint directory (a temporary one unless given).
 *
 * <p>{@code bin/sluice-run-example StatefulNetworkWordCount <hostname> <port> [checkpointDir]}, or
 * {@code bin/sluice-run-example StatefulNetworkWordCount --demo [seconds]}.
 */
public final class StatefulNetworkWordCount {
  private static final String USAGE = "StatefulNetworkWordCount <hostname> <port> [checkpointDir]\n"
      + "   or: StatefulNetworkWordCount --demo [seconds]";

  private StatefulNetworkWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--demo")) {
      int seconds = args.length == 2 ? Examples.positiveInt(args[1], "seconds", USAGE) : 10;
      try (LineServer server = new LineServer()) {
        run(server.host(), server.port(), Examples.tempCheckpointDir("stateful-wordcount"), seconds);
      }
      System.exit(0);
    }
    if (args.length < 2 || args.length > 3) {
      Examples.exitWithUsage(USAGE, null);
    }
    int port = Examples.positiveInt(args[1], "port", USAGE);
    run(args[0], port, args.length == 3 ? args[2] : Examples.tempCheckpointDir("stateful-wordcount"), 0);
  }

  /** Adds each batch's counts to the running total of every word seen so far. */
  public static PairDStream<String, Integer> runningCounts(DStream<String> lines) {
    return NetworkWordCount.countWords(lines).updateStateByKey(
        (List<Integer> newCounts, Optional<Integer> total) ->
            Optional.of(total.orElse(0) + newCounts.stream().mapToInt(Integer::intValue).sum()));
  }

  /** Runs for {@code seconds} (then stops gracefully), or until killed when 0. */
  private static void run(String host, int port, String checkpointDir, int seconds) throws Exception {
    StreamingContext ssc = new StreamingContext(Examples.conf("StatefulNetworkWordCount"), Durations.seconds(1));
    ssc.checkpoint(checkpointDir);
    runningCounts(ssc.socketTextStream(host, port)).print();
    ssc.start();
    if (seconds > 0) {
      ssc.awaitTerminationOrTimeout(seconds * 1000L);
      ssc.stop(true, true);
    } else {
      ssc.awaitTermination();
    }
  }

}
