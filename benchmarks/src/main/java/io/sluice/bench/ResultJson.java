package io.sluice.bench;

/**
 * The members the benchmarks' JSON result lines share, in their order: the settings first, then
 * the traffic, then (after each benchmark's own members) the latency.
 */
final class ResultJson {
  private ResultJson() {}

  /** A new line starting with the benchmark's name and its settings. */
  static JsonLine settings(String benchmark, WordCountOptions options) {
    return new JsonLine()
        .put("benchmark", benchmark)
        .put("master", options.master())
        .put("batch_ms", options.batchMs())
        .put("block_ms", options.blockMs())
        .put("seconds", seconds(options.measureMs()))
        .put("warmup_seconds", seconds(options.warmupMs()))
        .put("rate", options.rate() == 0 ? null : options.rate())
        .put("backpressure", options.backpressure())
        .put("workload", options.workload().toJson());
  }

  /**
   * Adds what went through the stream: lines and words written, the lines per second processed
   * while measuring, the words the benchmark's outputs counted, the lines seen in batches and the
   * receiver connections.
   */
  static JsonLine traffic(JsonLine json, long lines, double linesPerSecond, long words,
      long wordsCounted, long recordsInBatches, int connections) {
    return json
        .put("lines", lines)
        .put("lines_per_s", linesPerSecond)
        .put("words", words)
        .put("words_counted", wordsCounted)
        .put("records_in_batches", recordsInBatches)
        .put("connections", connections);
  }

  /** Adds the measured batches' latency and the stability verdict. */
  static JsonLine latency(JsonLine json, LatencyStats stats) {
    return json
        .put("batches", stats.batches())
        .put("processing_ms", new JsonLine()
            .put("median", stats.processingMedianMs()).put("max", stats.processingMaxMs()))
        .put("total_delay_ms", new JsonLine()
            .put("median", stats.totalDelayMedianMs()).put("p99", stats.totalDelayP99Ms()))
        .put("stable", stats.stable())
        .put("settled", stats.settled()
            .map(s -> new JsonLine().put("batches", s.batches()).put("ms", s.ms())).orElse(null));
  }

  /** Whole seconds print as integers ({@code 30}), anything else with a decimal ({@code 0.5}). */
  static Number seconds(long millis) {
    return millis % 1000 == 0 ? (Number) (millis / 1000) : (Number) (millis / 1000.0);
  }
}
