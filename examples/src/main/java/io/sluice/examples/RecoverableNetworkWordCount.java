package io.sluice.examples;

import io.sluice.core.PairRDD;
import io.sluice.examples.util.LineServer;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;

/**
 * The guide's recoverable word count: counts words from a socket every second, prints them, and
 * appends each batch's counts to an output file. The context is created through
 * {@code StreamingContext.getOrCreate}: run it, kill it, run it again with the same checkpoint
 * directory, and it carries on from its checkpoint (batches missed while it was down are
 * generated first).
 *
 * <p>{@code bin/sluice-run-example RecoverableNetworkWordCount <hostname> <port> <checkpointDir> <outputFile>},
 * or {@code ... RecoverableNetworkWordCount --demo <checkpointDir> <outputFile> [seconds]}.
 */
public final class RecoverableNetworkWordCount {
  private static final String USAGE = "RecoverableNetworkWordCount <hostname> <port> <checkpointDir> <outputFile>\n"
      + "   or: RecoverableNetworkWordCount --demo <checkpointDir> <outputFile> [seconds]";

  private RecoverableNetworkWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("--demo")) {
      int seconds = args.length == 4 ? Examples.positiveInt(args[3], "seconds", USAGE) : 10;
      try (LineServer server = new LineServer()) {
        StreamingContext ssc = getOrCreate(server.host(), server.port(), args[1], args[2]);
        ssc.start();
        ssc.awaitTerminationOrTimeout(seconds * 1000L);
        ssc.stop(true, true);
      }
      System.exit(0);
    }
    if (args.length != 4) {
      Examples.exitWithUsage(USAGE, null);
    }
    StreamingContext ssc = getOrCreate(args[0], Examples.positiveInt(args[1], "port", USAGE), args[2], args[3]);
    ssc.start();
    ssc.awaitTermination();
  }

  /** Recovers from the checkpoint when there is one; else defines the computation afresh. */
  static StreamingContext getOrCreate(String host, int port, String checkpointDir, String outputFile) {
    return StreamingContext.getOrCreate(checkpointDir, () -> create(host, port, checkpointDir, outputFile));
  }

  private static StreamingContext create(String host, int port, String checkpointDir, String outputFile) {
    System.err.println("Creating a new context (no checkpoint in " + checkpointDir + ")");
    StreamingContext ssc = new StreamingContext(Examples.conf("RecoverableNetworkWordCount"), Durations.seconds(1));
    ssc.checkpoint(checkpointDir);
    NetworkWordCount.countWords(ssc.socketTextStream(host, port)).foreachRDD((rdd, time) -> {
      String counts = "Counts at time " + time + " " + new TreeMap<>(PairRDD.fromRDD(rdd).collectAsMap());
      System.out.println(counts);
      Files.writeString(Path.of(outputFile), counts + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    });
    return ssc;
  }
}
