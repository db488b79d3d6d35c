package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.streaming.Durations;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window and state benchmarks' command lines and one-line JSON reports. */
class WindowAndStateReportTest {
  private static final WordCountOptions OPTIONS =
      new WordCountOptions("local[2]", 1000, 5000, 30_000, 400_000, 42, true, Workload.DEFAULT);
  private static final LatencyStats STATS = new LatencyStats(30, 12_000_000, 300, 700, 310, 720, true);
  private static final Measurement MEASURED = new Measurement(
      new FullSpeedLineServer.Written(12_100_000, Map.of("kakakaka", 121_000_000L)), 12_100_000, 1, STATS,
      12_000_000, 0.0);

  @Test
  void benchmarksAreNamedInLowerCase() {
    assertTrue(BenchMain.Benchmark.named("window").isPresent());
    assertTrue(BenchMain.Benchmark.named("wal-log").isPresent());
    assertTrue(BenchMain.Benchmark.named("WINDOW").isEmpty());
    assertTrue(BenchMain.Benchmark.named("other").isEmpty());
  }

  @Test
  void windowResultPrintsItsJsonLine() {
    WindowCheck.Summary windows = new WindowCheck.Summary(18, 0, 0, true, 10_000);
    WindowResult result = new WindowResult(OPTIONS, MEASURED, 121_000_000, 0, windows,
        Durations.seconds(10), Durations.seconds(2));
    assertTrue(result.exact());
    assertEquals("{\"benchmark\":\"window\",\"master\":\"local[2]\",\"batch_ms\":1000,\"block_ms\":200,\"seconds\":30,"
        + "\"warmup_seconds\":5,\"rate\":400000,\"backpressure\":true,"
        + "\"workload\":{\"vocabulary\":10000,\"zipf\":1.0,\"mean_words_per_line\":10.0,\"mean_word_length\":5.6},"
        + "\"window_seconds\":10,\"slide_seconds\":2,\"lines\":12100000,\"lines_per_s\":400000.0,"
        + "\"words\":121000000,\"words_counted\":121000000,\"records_in_batches\":12100000,"
        + "\"connections\":1,\"mismatched_words\":0,\"windows_checked\":18,\"mismatched_windows\":0,"
        + "\"windows_unchecked\":0,\"keys\":10000,\"exact\":true,\"batches\":30,"
        + "\"processing_ms\":{\"median\":300,\"max\":700},\"total_delay_ms\":{\"median\":310,\"p99\":720},"
        + "\"stable\":true,\"settled\":null}", result.toJson().toString());

    assertFalse(new WindowResult(OPTIONS, MEASURED, 121_000_000, 0,
        new WindowCheck.Summary(18, 1, 0, true, 10_000), Durations.seconds(10), Durations.seconds(2)).exact());
    assertFalse(new WindowResult(OPTIONS, MEASURED, 120_999_999, 1, windows,
        Durations.seconds(10), Durations.seconds(2)).exact());
  }

  @Test
  void stateResultPrintsItsJsonLine() {
    StateResult result = new StateResult(OPTIONS, MEASURED, 121_000_000, 0, 10_000);
    assertTrue(result.exact());
    assertEquals("{\"benchmark\":\"state\",\"master\":\"local[2]\",\"batch_ms\":1000,\"block_ms\":200,\"seconds\":30,"
        + "\"warmup_seconds\":5,\"rate\":400000,\"backpressure\":true,"
        + "\"workload\":{\"vocabulary\":10000,\"zipf\":1.0,\"mean_words_per_line\":10.0,\"mean_word_length\":5.6},"
        + "\"lines\":12100000,\"lines_per_s\":400000.0,\"words\":121000000,\"words_counted\":121000000,"
        + "\"records_in_batches\":12100000,\"connections\":1,\"mismatched_words\":0,\"keys\":10000,"
        + "\"exact\":true,\"batches\":30,\"processing_ms\":{\"median\":300,\"max\":700},"
        + "\"total_delay_ms\":{\"median\":310,\"p99\":720},\"stable\":true,\"settled\":null}", result.toJson().toString());
    assertFalse(new StateResult(OPTIONS, MEASURED, 120_000_000, 3, 10_000).exact());
  }
}
