package io.sluice.bench;

import io.sluice.examples.NetworkWordCount;
import io.sluice.streaming.DStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput, latency and exactness of the socket word count. {@link NetworkWordCount#countWords}
 * counts each batch of the lines a {@link SocketBenchmarkRunner} feeds it and a {@code foreachRDD}
 * adds the counts up on the driver; after the graceful stop the totals must equal exactly what
 * the server wrote.
 */
public final class WordCountBenchmark {
  private static final Logger log = LoggerFactory.getLogger(WordCountBenchmark.class);

  private WordCountBenchmark() {}

  /** Runs the benchmark; blocks for about warm-up + measured time + drain time. */
  public static WordCountResult run(WordCountOptions options) throws Exception {
    return run("wordcount", options, Pipeline::new);
  }

  /**
   * Runs benchmark {@code name}: {@code pipeline} counts the words of each batch into the tally it
   * is given, which must then hold exactly what the server wrote.
   */
  static WordCountResult run(String name, WordCountOptions options,
      java.util.function.Function<DriverTally, BenchmarkPipeline> pipeline) throws Exception {
    try (DriverTally tally = DriverTally.create()) {
      Measurement measured = SocketBenchmarkRunner.run(name, options, Optional.empty(), pipeline.apply(tally));
      FullSpeedLineServer.Written written = measured.written();
      CountDiff diff = CountDiff.between(written.wordCounts(), tally.snapshot());
      boolean exact = written.lines() > 0 && diff.same();
      if (!exact) {
        log.error("Counts differ: server wrote {} words, stream counted {}; {} word(s) differ, e.g. {}",
            written.words(), tally.totalWords(), diff.mismatched(), diff.examples());
      }
      return new WordCountResult(name, options, written.lines(), written.words(), tally.totalWords(),
          measured.recordsInBatches(), measured.connections(), diff.mismatched(), exact,
          measured.stats(), measured.cpuSeconds());
    }
  }

  /** Counts each batch's words and adds them to a driver tally; the {@code wal} benchmark's too. */
  record Pipeline(DriverTally tally) implements BenchmarkPipeline {
    @Override
    public void define(DStream<String> lines) {
      String tallyId = tally.id();
      NetworkWordCount.countWords(lines).foreachRDD(rdd -> DriverTally.add(tallyId, rdd.collect()));
    }

    @Override
    public long wordsCounted() {
      return tally.totalWords();
    }
  }
}
