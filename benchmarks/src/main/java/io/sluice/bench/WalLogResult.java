package io.sluice.bench;

import java.util.List;

/** The {@code wal-log} benchmark's JSON line: one member per run, named like {@code batched_hsync_8_threads}. */
record WalLogResult(String dir, int recordBytes, List<WalLogBenchmark.Run> runs) implements BenchmarkResult {
  WalLogResult {
    runs = List.copyOf(runs);
  }

  @Override
  public boolean exact() {
    return runs.stream().allMatch(WalLogBenchmark.Run::readBack);
  }

  @Override
  public JsonLine toJson() {
    JsonLine line = new JsonLine().put("benchmark", "wal-log").put("dir", dir).put("record_bytes", recordBytes);
    for (WalLogBenchmark.Run run : runs) {
      line.put(run.log() + "_" + run.durability() + "_" + run.threads() + "_threads", new JsonLine()
          .put("records", run.records())
          .put("ms", Math.round(run.seconds() * 1000))
          .put("records_per_s", Math.round(run.recordsPerSecond()))
          .put("mb_per_s", round(run.recordsPerSecond() * recordBytes / 1e6, 1))
          .put("flushes", run.flushes())
          .put("records_read_back", run.readBack()));
    }
    return line.put("exact", exact());
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
