package io.sluice.bench;

/**
 * The outcome of one word-count benchmark run ({@code wordcount}, or {@code sql}: the same count as
 * a GROUP BY query).
 *
 * @param benchmark the benchmark's name in the JSON
 * @param lines lines the server wrote
 * @param words words the server wrote
 * @param wordsCounted words the stream counted; equal to {@code words} when exact
 * @param recordsInBatches lines the listener saw in submitted batches
 * @param connections receiver connections the server accepted (1 unless the receiver restarted)
 * @param mismatchedWords vocabulary words whose count differs from what was written
 * @param exact every word counted exactly as often as it was written (and something was)
 * @param stats latency of the measured batches
 * @param cpuSeconds CPU the engine used while measuring, in all its processes (not the line server's)
 */
public record WordCountResult(String benchmark, WordCountOptions options, long lines, long words, long wordsCounted,
                              long recordsInBatches, int connections, int mismatchedWords,
                              boolean exact, LatencyStats stats, double cpuSeconds) implements BenchmarkResult {

  /** Lines processed per second while measuring; see {@link LatencyStats#recordsPerSecond}. */
  public double linesPerSecond() {
    return stats.recordsPerSecond(options.measureMs());
  }

  /** Words (the SQL benchmark's rows) processed per second while measuring. */
  public double wordsPerSecond() {
    return lines == 0 ? 0 : linesPerSecond() * words / lines;
  }

  @Override
  public JsonLine toJson() {
    JsonLine json = ResultJson.traffic(ResultJson.settings(benchmark, options), lines,
        linesPerSecond(), words, wordsCounted, recordsInBatches, connections)
        .put("words_per_s", Math.round(wordsPerSecond()))
        .put("cpu", new JsonLine()
            .put("seconds", cpuSeconds)
            .put("ns_per_line", lines == 0 || linesPerSecond() == 0 ? null
                : Math.round(cpuSeconds * 1e9 / (linesPerSecond() * options.measureMs() / 1000.0))))
        .put("mismatched_words", mismatchedWords)
        .put("exact", exact);
    return ResultJson.latency(json, stats);
  }
}
