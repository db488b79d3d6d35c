package io.sluice.examples;

import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;

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
    Examples.runCheckpointedSocketExample("WindowedWordCount", args, USAGE, 35, lines -> windowedCounts(lines, WINDOW, SLIDE));
  }

  /** Counts per word over {@code window}, recomputed every {@code slide} incrementally. */
  public static PairDStream<String, Integer> windowedCounts(DStream<String> lines, Duration window, Duration slide) {
    return NetworkWordCount.countWords(lines).reduceByKeyAndWindow(Integer::sum, (a, b) -> a - b, window, slide,
        lines.context().sluiceContext().defaultParallelism(), wordCount -> wordCount._2() != 0);
  }
}
