package io.sluice.examples;

import io.sluice.api.Tuple2;
import io.sluice.examples.util.LineServer;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;
import java.util.Arrays;

/**
 * Counts the words of the text received from a TCP server, one count per one-second batch: the
 * guide's Quick Example.
 *
 * <p>Start a server with {@code nc -lk 9999}, then run
 * {@code bin/sluice-run-example NetworkWordCount localhost 9999} and type lines into netcat.
 * Without netcat, {@code bin/sluice-run-example NetworkWordCount --demo [seconds]} starts a
 * built-in {@link LineServer}, counts its lines for the given seconds (default 10), stops
 * gracefully and exits.
 */
public final class NetworkWordCount {
  private static final String USAGE = "NetworkWordCount <hostname> <port>\n"
      + "   or: NetworkWordCount --demo [seconds]   (serves sample lines itself; default 10 s)";
  private static final int DEFAULT_DEMO_SECONDS = 10;

  private NetworkWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--demo")) {
      if (args.length > 2) {
        Examples.exitWithUsage(USAGE, null);
      }
      int seconds = args.length == 2
          ? Examples.positiveInt(args[1], "seconds", USAGE) : DEFAULT_DEMO_SECONDS;
      runDemo(seconds);
      // A bounded run ends the JVM even if a library thread outlives the context.
      System.exit(0);
    }
    if (args.length != 2) {
      Examples.exitWithUsage(USAGE, null);
    }
    int port = Examples.positiveInt(args[1], "port", USAGE);
    if (port > 65_535) {
      Examples.exitWithUsage(USAGE, "port must be at most 65535, got " + port);
    }
    countForever(args[0], port);
  }

  /**
   * The word count itself: split each line on single spaces, pair every word with 1 and add the
   * ones up per word within each batch. Public so tests and the word-count benchmark run
   * exactly this pipeline.
   */
  public static PairDStream<String, Integer> countWords(DStream<String> lines) {
    DStream<String> words = lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator());
    PairDStream<String, Integer> pairs = words.mapToPair(word -> new Tuple2<>(word, 1));
    return pairs.reduceByKey(Integer::sum);
  }

  /** The Quick Example: runs until the process is killed. */
  private static void countForever(String host, int port) throws InterruptedException {
    StreamingContext ssc = new StreamingContext(Examples.conf("NetworkWordCount"), Durations.seconds(1));
    DStream<String> lines = ssc.socketTextStream(host, port);
    PairDStream<String, Integer> wordCounts = countWords(lines);
    wordCounts.print();
    ssc.start();
    ssc.awaitTermination();
  }

  private static void runDemo(int seconds) throws Exception {
    try (LineServer server = new LineServer()) {
      System.err.printf("Counting words served by the demo line server at %s:%d for %d s%n",
          server.host(), server.port(), seconds);
      StreamingContext ssc = new StreamingContext(Examples.conf("NetworkWordCount"), Durations.seconds(1));
      countWords(ssc.socketTextStream(server.host(), server.port())).print();
      ssc.start();
      ssc.awaitTerminationOrTimeout(seconds * 1000L);
      // Graceful: the receiver stops first and every line it already took in is still counted.
      // The server stays up until then, so the receiver does not see a dropped connection.
      ssc.stop(true, true);
    }
  }
}
