package io.sluice.examples;

import io.sluice.examples.util.LineServer;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;

/**
 * Word counts over the last 30 seconds, every 10 seconds: the guide's windowed word count with an
 * inverse function. Each window is computed from the previous one (add the 10 s that entered,
 * subtract the 10 s that left), and words whose count drops to zero are filtered out.
 *
 * <p>{@code bin/sluice-run-example WindowedWordCount <hostname> <port> [checkpointDir]}, or
 * {@code bin/sluice-run-example WindowedWordCount --demo [seconds]} (default 35).
 */
public final class WindowedWordCount {
  private static final String USAGE = "WindowedWordCount <hostname> <port> [checkpointDir]\n"
      + "   or: WindowedWordCount --demo [seconds]";
  static final Duration WINDOW = Durations.seconds(30);
  static final Duration SLIDE = Durations.seconds(10);

  private WindowedWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--demo")) {
      int seconds = args.length == 2 ? Examples.positiveInt(args[1], "seconds", USAGE) : 35;
      try (LineServer server = new LineServer()) {
        run(server.host(), server.port(), Examples.tempCheckpointDir("windowed-wordcount"), seconds);
      }
      System.exit(0);
    }
    if (args.length < 2 || args.length > 3) {
      Examples.exitWithUsage(USAGE, null);
    }
    int port = Examples.positiveInt(args[1], "port", USAGE);
    run(args[0], port, args.length == 3 ? args[2] : Examples.tempCheckpointDir("windowed-wordcount"), 0);
  }

  /** Counts per word over {@code window}, recomputed every {@code slide} incrementally. */
  public static PairDStream<String, Integer> windowedCounts(DStream<String> lines, Duration window, Duration slide) {
    return NetworkWordCount.countWords(lines).reduceByKeyAndWindow(Integer::sum, (a, b) -> a - b, window, slide,
        lines.context().sluiceContext().defaultParallelism(), wordCount -> wordCount._2() != 0);
  }

  private static void run(String host, int port, String checkpointDir, int seconds) throws Exception {
    StreamingContext ssc = new StreamingContext(Examples.conf("WindowedWordCount"), Durations.seconds(1));
    ssc.checkpoint(checkpointDir);
    windowedCounts(ssc.socketTextStream(host, port), WINDOW, SLIDE).print();
    ssc.start();
    if (seconds > 0) {
      ssc.awaitTerminationOrTimeout(seconds * 1000L);
      ssc.stop(true, true);
    } else {
      ssc.awaitTermination();
    }
  }

}
