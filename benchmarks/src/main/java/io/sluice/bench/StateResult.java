package io.sluice.bench;

/**
 * The outcome of one run of the {@code updateStateByKey} benchmark.
 *
 * @param wordsCounted the sum of the final running totals; equal to the words written when exact
 * @param mismatchedWords words whose final total differs from what the server wrote
 * @param keys distinct words in the final state
 */
public record StateResult(WordCountOptions options, Measurement measured, long wordsCounted,
                          int mismatchedWords, int keys) implements BenchmarkResult {

  /** Every word's final total equals what was written (and something was). */
  @Override
  public boolean exact() {
    return measured.written().lines() > 0 && mismatchedWords == 0;
  }

  public LatencyStats stats() {
    return measured.stats();
  }

  @Override
  public JsonLine toJson() {
    JsonLine json = ResultJson.traffic(ResultJson.settings("state", options),
        measured.written().lines(), measured.stats().recordsPerSecond(options.measureMs()),
        measured.written().words(), wordsCounted, measured.recordsInBatches(),
        measured.connections())
        .put("mismatched_words", mismatchedWords)
        .put("keys", keys)
        .put("exact", exact());
    return ResultJson.latency(json, measured.stats());
  }
}
