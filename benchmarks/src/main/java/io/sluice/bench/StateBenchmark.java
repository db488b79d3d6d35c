package io.sluice.bench;

import io.sluice.examples.StatefulNetworkWordCount;
import io.sluice.streaming.DStream;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput, latency and exactness of running word totals kept with {@code updateStateByKey}
 * ({@link StatefulNetworkWordCount#runningCounts}) on the lines a {@link SocketBenchmarkRunner}
 * feeds it, checkpointed to a temporary directory. Every batch's totals are collected to the
 * driver; after the graceful stop the last of them must equal exactly what the server wrote.
 */
public final class StateBenchmark {
  private static final Logger log = LoggerFactory.getLogger(StateBenchmark.class);

  private StateBenchmark() {}

  /** Runs the benchmark; blocks for about warm-up + measured time + drain time. */
  public static StateResult run(WordCountOptions options) throws Exception {
    try (LatestCounts totals = LatestCounts.create();
         TempCheckpointDir checkpoint = new TempCheckpointDir("sluice-bench-state-")) {
      Measurement measured = SocketBenchmarkRunner.run("StateBenchmark", options,
          Optional.of(checkpoint.path().toString()), new Pipeline(totals));
      Map<String, Long> finalTotals = totals.counts();
      CountDiff diff = CountDiff.between(measured.written().wordCounts(), finalTotals);
      StateResult result = new StateResult(options, measured, totals.total(), diff.mismatched(),
          finalTotals.size());
      if (!result.exact()) {
        log.error("Running totals differ: server wrote {} words, state holds {}; {} word(s) differ,"
            + " e.g. {}", measured.written().words(), totals.total(), diff.mismatched(),
            diff.examples());
      }
      return result;
    }
  }

  /** Keeps running totals per word and collects them to the driver every batch. */
  private record Pipeline(LatestCounts totals) implements BenchmarkPipeline {
    @Override
    public void define(DStream<String> lines) {
      String totalsId = totals.id();
      StatefulNetworkWordCount.runningCounts(lines).foreachRDD(
          (rdd, time) -> LatestCounts.record(totalsId, time.milliseconds(), rdd.collect()));
    }

    @Override
    public long wordsCounted() {
      return totals.total();
    }
  }
}
