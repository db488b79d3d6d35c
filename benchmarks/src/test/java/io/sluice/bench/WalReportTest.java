package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wal benchmark's command line, cost figures and one-line JSON report; no engine involved. */
class WalReportTest {
  private static final WordCountOptions PACED =
      new WordCountOptions("local[2]", 1000, 5000, 20_000, 400_000, 42, true);

  private static WalRun run(long processingMedianMs, long linesProcessed, long linesReceived,
      int mismatched) {
    LatencyStats stats = new LatencyStats(20, linesProcessed, processingMedianMs,
        processingMedianMs + 100, processingMedianMs + 10, processingMedianMs + 200, true);
    Measurement measured = new Measurement(
        new FullSpeedLineServer.Written(10_000_000, Map.of("ka", 100_000_000L)), 10_000_000, 1,
        stats, linesReceived, 0.0);
    return new WalRun(measured, 100_000_000L - mismatched, mismatched);
  }

  @Test
  void costsCompareOnWithOff() {
    assertEquals(25.0, WalResult.throughputCostPct(400_000, 300_000), 1e-9);
    assertEquals(-10.0, WalResult.throughputCostPct(100, 110), 1e-9);
    assertEquals(50.0, WalResult.processingCostPct(400, 600), 1e-9);
    assertEquals(-25.0, WalResult.processingCostPct(400, 300), 1e-9);
    assertEquals(33.3, WalResult.throughputCostPct(3, 2), 1e-9);
    assertEquals("0.0", Double.toString(WalResult.throughputCostPct(500_000, 500_010)));
    assertTrue(Double.isNaN(WalResult.throughputCostPct(0, 5)));
    assertTrue(Double.isNaN(WalResult.processingCostPct(0, 5)));
  }

  @Test
  void pacedResultPrintsBothRunsAndTheCostOfProcessedLines() {
    WalResult result = new WalResult(new WalOptions(PACED, false), 5000,
        run(400, 8_000_000, 8_000_000, 0), run(600, 6_000_000, 6_100_000, 0));
    assertTrue(result.exact());
    String perRunOff = "{\"lines\":10000000,\"lines_per_s\":400000.0,\"words\":100000000,"
        + "\"words_counted\":100000000,\"records_in_batches\":10000000,\"connections\":1,"
        + "\"ingest_lines_per_s\":400000.0,\"mismatched_words\":0,\"exact\":true,\"batches\":20,"
        + "\"processing_ms\":{\"median\":400,\"max\":500},"
        + "\"total_delay_ms\":{\"median\":410,\"p99\":600},\"stable\":true,\"settled\":null}";
    String perRunOn = "{\"lines\":10000000,\"lines_per_s\":300000.0,\"words\":100000000,"
        + "\"words_counted\":100000000,\"records_in_batches\":10000000,\"connections\":1,"
        + "\"ingest_lines_per_s\":305000.0,\"mismatched_words\":0,\"exact\":true,\"batches\":20,"
        + "\"processing_ms\":{\"median\":600,\"max\":700},"
        + "\"total_delay_ms\":{\"median\":610,\"p99\":800},\"stable\":true,\"settled\":null}";
    assertEquals("{\"benchmark\":\"wal\",\"master\":\"local[2]\",\"batch_ms\":1000,\"block_ms\":200,\"seconds\":20,"
        + "\"warmup_seconds\":5,\"rate\":400000,\"backpressure\":true,"
        + "\"workload\":{\"vocabulary\":10000,\"zipf\":1.0,\"mean_words_per_line\":10.0,\"mean_word_length\":5.6},"
        + "\"mode\":\"paced\",\"pause_seconds\":5,\"wal_off\":" + perRunOff + ",\"wal_on\":" + perRunOn
        + ",\"throughput_basis\":\"lines_per_s\",\"throughput_cost_pct\":25.0,"
        + "\"processing_cost_pct\":50.0,\"exact\":true}", result.toJson().toString());
  }

  @Test
  void maxModeComparesIngestRates() {
    WalOptions max = WalOptions.parse(new String[] {"--max", "--seconds", "20"}, Optional.empty());
    WalResult result = new WalResult(max, 5000, run(900, 10_000_000, 16_000_000, 0),
        run(950, 9_000_000, 12_000_000, 3));
    assertFalse(result.exact(), "the WAL-on run miscounted");
    String json = result.toJson().toString();
    assertTrue(json.contains("\"rate\":null,\"backpressure\":false,"), json);
    assertTrue(json.contains("\"mode\":\"max\""), json);
    assertTrue(json.contains("\"throughput_basis\":\"ingest_lines_per_s\",\"throughput_cost_pct\":25.0,"
        + "\"processed_throughput_cost_pct\":10.0,\"processing_cost_pct\":5.6,\"exact\":false}"),
        json);
  }

  @Test
  void parsesTheMaxFlag() {
    WalOptions paced = WalOptions.parse(new String[] {"--rate", "500000"}, Optional.empty());
    assertFalse(paced.max());
    assertEquals(500_000, paced.run().rate());
    assertTrue(paced.run().backpressure());
    assertEquals("paced", paced.modeName());
    assertEquals("unpaced", WalOptions.parse(new String[0], Optional.empty()).modeName());

    WalOptions max = WalOptions.parse(new String[] {"--seconds", "20", "--max"}, Optional.empty());
    assertTrue(max.max());
    assertEquals(new WordCountOptions("local[2]", 1000, 5000, 20_000, 0, 42, false), max.run());
    assertEquals(max, WalOptions.parse(new String[] {"--max", "--backpressure", "off", "--seconds",
        "20"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WalOptions.parse(new String[] {"--max", "--rate", "1000"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WalOptions.parse(new String[] {"--max", "--backpressure", "on"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WalOptions.parse(new String[] {"--max", "--max"}, Optional.empty()));
    assertTrue(BenchMain.Benchmark.named("wal").isPresent());
  }
}
