package io.sluice.bench;

/**
 * The outcome of the {@code wal} benchmark: the same word count with the write-ahead log off and
 * on, and what the log costs.
 *
 * <p>The throughput cost compares processed lines per second ({@code lines_per_s}) of paced or
 * unpaced runs; in {@code --max} mode, where processing may fall behind the unthrottled receiver,
 * it compares the receiver's ingest rates ({@code ingest_lines_per_s}) instead. The JSON line
 * names the basis. The processing cost compares the median batch processing times.
 */
record WalResult(WalOptions options, long pauseMs, WalRun off, WalRun on) implements BenchmarkResult {

  /** Both runs counted exactly. */
  @Override
  public boolean exact() {
    return off.exact() && on.exact();
  }

  /** The member whose rates the throughput cost compares. */
  String throughputBasis() {
    return options.max() ? "ingest_lines_per_s" : "lines_per_s";
  }

  /** {@code 100 * (1 - on / off)} of the basis rates: the share of throughput the log costs. */
  double throughputCostPct() {
    long ms = options.run().measureMs();
    return options.max()
        ? throughputCostPct(off.ingestLinesPerSecond(ms), on.ingestLinesPerSecond(ms))
        : throughputCostPct(off.linesPerSecond(ms), on.linesPerSecond(ms));
  }

  /** {@code 100 * (on / off - 1)} of the median processing times: how much longer batches take. */
  double processingCostPct() {
    return processingCostPct(off.measured().stats().processingMedianMs(),
        on.measured().stats().processingMedianMs());
  }

  /** {@code 100 * (1 - on / off)}; NaN (printed as null) when {@code off} is 0. */
  static double throughputCostPct(double off, double on) {
    return off == 0 ? Double.NaN : 100 * (1 - on / off);
  }

  /** {@code 100 * (on / off - 1)}; NaN (printed as null) when {@code off} is 0. */
  static double processingCostPct(long offMs, long onMs) {
    return offMs == 0 ? Double.NaN : 100 * ((double) onMs / offMs - 1);
  }

  @Override
  public JsonLine toJson() {
    long ms = options.run().measureMs();
    return ResultJson.settings("wal", options.run())
        .put("mode", options.modeName())
        .put("pause_seconds", ResultJson.seconds(pauseMs))
        .put("wal_off", off.toJson(ms))
        .put("wal_on", on.toJson(ms))
        .put("throughput_basis", throughputBasis())
        .put("throughput_cost_pct", throughputCostPct())
        .put("processing_cost_pct", processingCostPct())
        .put("exact", exact());
  }
}
