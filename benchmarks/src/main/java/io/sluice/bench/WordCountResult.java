package io.sluice.bench;

/**
 * The outcome of one word-count benchmark run.
 *
 * @param lines lines the server wrote
 * @param words words the server wrote
 * @param wordsCounted words the stream counted; equal to {@code words} when exact
 * @param recordsInBatches lines the listener saw in submitted batches
 * @param connections receiver connections the server accepted (1 unless the receiver restarted)
 * @param mismatchedWords vocabulary words whose count differs from what was written
 * @param exact every word counted exactly as often as it was written (and something was)
 * @param stats latency of the measured batches
 */
public record WordCountResult(WordCountOptions options, long lines, long words, long wordsCounted,
                              long recordsInBatches, int connections, int mismatchedWords,
                              boolean exact, LatencyStats stats) {

  /**
   * Lines processed per second while measuring: the records of the batches that completed in the
   * measured time, over that time. A stable run processes what arrives, so this is the input
   * rate; an unstable one falls behind, and this is what it managed, not what was offered.
   */
  public double linesPerSecond() {
    return stats.records() * 1000.0 / options.measureMs();
  }

  /** The single result line the benchmark prints. */
  public JsonLine toJson() {
    return new JsonLine()
        .put("benchmark", "wordcount")
        .put("master", options.master())
        .put("batch_ms", options.batchMs())
        .put("seconds", seconds(options.measureMs()))
        .put("warmup_seconds", seconds(options.warmupMs()))
        .put("rate", options.rate() == 0 ? null : options.rate())
        .put("backpressure", options.backpressure())
        .put("lines", lines)
        .put("lines_per_s", linesPerSecond())
        .put("words", words)
        .put("words_counted", wordsCounted)
        .put("records_in_batches", recordsInBatches)
        .put("connections", connections)
        .put("mismatched_words", mismatchedWords)
        .put("exact", exact)
        .put("batches", stats.batches())
        .put("processing_ms", new JsonLine()
            .put("median", stats.processingMedianMs()).put("max", stats.processingMaxMs()))
        .put("total_delay_ms", new JsonLine()
            .put("median", stats.totalDelayMedianMs()).put("p99", stats.totalDelayP99Ms()))
        .put("stable", stats.stable());
  }

  /** Whole seconds print as integers ({@code 30}), anything else with a decimal ({@code 0.5}). */
  private static Number seconds(long millis) {
    return millis % 1000 == 0 ? (Number) (millis / 1000) : (Number) (millis / 1000.0);
  }
}
