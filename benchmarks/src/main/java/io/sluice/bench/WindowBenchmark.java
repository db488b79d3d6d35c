package io.sluice.bench;

import io.sluice.api.Tuple2;
import io.sluice.examples.NetworkWordCount;
import io.sluice.examples.WindowedWordCount;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput, latency and exactness of a windowed word count: {@code reduceByKeyAndWindow} with an
 * inverse function over a {@value #WINDOW_SECONDS} s window sliding every {@value #SLIDE_SECONDS}
 * s, dropping words whose count returns to zero, on the lines a {@link SocketBenchmarkRunner}
 * feeds it, checkpointed to a temporary directory.
 *
 * <p>The pipeline is {@link WindowedWordCount#windowedCounts}'s, built on the per-batch counts
 * ({@link NetworkWordCount#countWords}) that it also collects to the driver, so the words are
 * counted once per batch for both. Two checks: every emitted window must equal the sum of the
 * per-batch counts of its batches ({@link WindowCheck}), and the per-batch counts must add up to
 * exactly what the server wrote.
 */
public final class WindowBenchmark {
  private static final Logger log = LoggerFactory.getLogger(WindowBenchmark.class);
  static final long WINDOW_SECONDS = 10;
  static final long SLIDE_SECONDS = 2;

  private WindowBenchmark() {}

  /** Runs the benchmark; blocks for about warm-up + measured time + drain time. */
  public static WindowResult run(WordCountOptions options) throws Exception {
    return run(options, Durations.seconds(WINDOW_SECONDS), Durations.seconds(SLIDE_SECONDS));
  }

  /** Runs the benchmark with another window and slide (multiples of the batch interval). */
  static WindowResult run(WordCountOptions options, Duration window, Duration slide) throws Exception {
    try (DriverTally tally = DriverTally.create();
         WindowCheck check = WindowCheck.create(window.milliseconds());
         TempCheckpointDir checkpoint = new TempCheckpointDir("sluice-bench-window-")) {
      Measurement measured = SocketBenchmarkRunner.run("WindowBenchmark", options,
          Optional.of(checkpoint.path().toString()),
          new Pipeline(tally, check, window, slide));
      CountDiff diff = CountDiff.between(measured.written().wordCounts(), tally.snapshot());
      WindowResult result = new WindowResult(options, measured, tally.totalWords(),
          diff.mismatched(), check.summary(), window, slide);
      if (!diff.same()) {
        log.error("Per-batch counts differ: server wrote {} words, batches counted {}; {} word(s)"
            + " differ, e.g. {}", measured.written().words(), tally.totalWords(), diff.mismatched(),
            diff.examples());
      }
      if (!result.windows().exact()) {
        log.error("Window check failed: {}", result.windows());
      }
      return result;
    }
  }

  /**
   * Counts each batch's words, collects the counts for the tally and the window check (first, so
   * a window's last batch is in before the window), and collects every window for the check.
   */
  private record Pipeline(DriverTally tally, WindowCheck check, Duration window, Duration slide)
      implements BenchmarkPipeline {
    @Override
    public void define(DStream<String> lines) {
      String tallyId = tally.id();
      String checkId = check.id();
      PairDStream<String, Integer> perBatch = NetworkWordCount.countWords(lines);
      perBatch.foreachRDD((rdd, time) -> {
        List<Tuple2<String, Integer>> counts = rdd.collect();
        DriverTally.add(tallyId, counts);
        WindowCheck.addBatch(checkId, time.milliseconds(), counts);
      });
      // As WindowedWordCount.windowedCounts, but on the per-batch counts collected above.
      perBatch.reduceByKeyAndWindow(Integer::sum, (a, b) -> a - b, window, slide,
              lines.context().sluiceContext().defaultParallelism(), wordCount -> wordCount._2() != 0)
          .foreachRDD((rdd, time) -> WindowCheck.addWindow(checkId, time.milliseconds(), rdd.collect()));
    }

    @Override
    public long wordsCounted() {
      return tally.totalWords();
    }
  }
}
