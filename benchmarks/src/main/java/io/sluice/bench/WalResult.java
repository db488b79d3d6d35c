package io.sluice.bench;

/**
 * The outcome of the {@code wal} benchmark: the same word count with the write-ahead log off and
 * on, and what the log costs.
 *
 * <p>The throughput cost compares processed lines per second ({@code lines_per_s}) of paced or
 * unpaced runs; in {@code --max} mode, where processing may fall behind the unthrottled receiver,
 * it compares the receiver's ingest rates ({@code ingest_lines_per_s}) instead. The JSON line
 * names the basis, and {@code --max} adds {@code processed_throughput_cost_pct}, the same figure
 * for processed lines per second. The processing cost compares the median batch processing times;
 * in {@code --max} mode batches hold whatever the receiver took in, so their sizes differ between
 * the runs and the processed throughput is the fairer comparison.
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

  /** {@link #throughputCostPct(double, double)} of the processed lines per second. */
  double processedThroughputCostPct() {
    long ms = options.run().measureMs();
    return throughputCostPct(off.linesPerSecond(ms), on.linesPerSecond(ms));
  }

  /** {@code 100 * (on / off - 1)} of the median processing times: how much longer batches take. */
  double processingCostPct() {
    return processingCostPct(off.measured().stats().processingMedianMs(),
        on.measured().stats().processingMedianMs());
  }

  /** {@code 100 * (1 - on / off)} to one decimal; NaN (printed as null) when {@code off} is 0. */
  static double throughputCostPct(double off, double on) {
    return off == 0 ? Double.NaN : oneDecimal(100 * (1 - on / off));
  }

  /** {@code 100 * (on / off - 1)} to one decimal; NaN (printed as null) when {@code off} is 0. */
  static double processingCostPct(long offMs, long onMs) {
    return offMs == 0 ? Double.NaN : oneDecimal(100 * ((double) onMs / offMs - 1));
  }

  /** Rounded to one decimal, and never {@code -0.0}: a cost of -0.01 % prints as 0.0. */
  private static double oneDecimal(double pct) {
    return Math.round(pct * 10) / 10.0 + 0.0;
  }

  @Override
  public JsonLine toJson() {
    long ms = options.run().measureMs();
    JsonLine json = ResultJson.settings("wal", options.run())
        .put("mode", options.modeName())
        .put("pause_seconds", ResultJson.seconds(pauseMs))
        .put("wal_off", off.toJson(ms))
        .put("wal_on", on.toJson(ms))
        .put("throughput_basis", throughputBasis())
        .put("throughput_cost_pct", throughputCostPct());
    if (options.max()) {
      json.put("processed_throughput_cost_pct", processedThroughputCostPct());
    }
    return json.put("processing_cost_pct", processingCostPct()).put("exact", exact());
  }
}
