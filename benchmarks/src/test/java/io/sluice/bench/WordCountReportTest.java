package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark's command line and its one-line JSON report. */
class WordCountReportTest {
  @Test
  void jsonLineEscapesAndOrdersMembers() {
    String json = new JsonLine().put("s", "a\"b\\c\n").put("n", 3L).put("d", 2.25).put("b", true)
        .put("z", null).put("o", new JsonLine().put("x", 1)).put("nan", Double.NaN).toString();
    assertEquals("{\"s\":\"a\\\"b\\\\c\\n\",\"n\":3,\"d\":2.3,\"b\":true,\"z\":null,\"o\":{\"x\":1},"
        + "\"nan\":null}", json);
    assertThrows(IllegalArgumentException.class, () -> new JsonLine().put("x", new Object()));
  }

  @Test
  void resultPrintsTheDocumentedJsonLine() {
    WordCountOptions options = new WordCountOptions("local[2]", 1000, 5000, 30_000, 0, 42, true);
    LatencyStats stats = new LatencyStats(30, 3_000_000, 120, 300, 140, 420, true);
    WordCountResult result = new WordCountResult("wordcount", options, 3_100_000, 31_000_000, 31_000_000,
        3_100_000, 1, 0, true, stats, 15.0);
    assertEquals("{\"benchmark\":\"wordcount\",\"master\":\"local[2]\",\"batch_ms\":1000,\"block_ms\":200,"
        + "\"seconds\":30,\"warmup_seconds\":5,\"rate\":null,\"backpressure\":true,"
        + "\"workload\":{\"vocabulary\":10000,\"zipf\":1.0,\"mean_words_per_line\":10.0,\"mean_word_length\":5.6},"
        + "\"lines\":3100000,"
        + "\"lines_per_s\":100000.0,\"words\":31000000,\"words_counted\":31000000,"
        + "\"records_in_batches\":3100000,\"connections\":1,\"words_per_s\":1000000,\"cpu\":{\"seconds\":15.0,\"ns_per_line\":5000},\"mismatched_words\":0,\"exact\":true,"
        + "\"batches\":30,\"processing_ms\":{\"median\":120,\"max\":300},"
        + "\"total_delay_ms\":{\"median\":140,\"p99\":420},\"stable\":true,\"settled\":null}",
        result.toJson().toString());
  }

  @Test
  void parsesFlagsWithDefaults() {
    WordCountOptions defaults = WordCountOptions.parse(new String[0], Optional.empty());
    assertEquals(new WordCountOptions("local[2]", 1000, 5000, 30_000, 0, 42, true), defaults);
    WordCountOptions set = WordCountOptions.parse(new String[] {"--seconds", "10", "--rate", "500",
        "--master", "local[4]", "--warmup", "0", "--backpressure", "off"}, Optional.of("yarn"));
    assertEquals(new WordCountOptions("local[4]", 1000, 0, 10_000, 500, 42, false), set);
    assertEquals("yarn", WordCountOptions.parse(new String[0], Optional.of("yarn")).master());
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--seconds"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--bogus", "1"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--seconds", "x"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--backpressure", "maybe"}, Optional.empty()));
  }

  @Test
  void parsesTheWorkloadFlags() {
    assertEquals(Workload.DEFAULT, WordCountOptions.parse(new String[0], Optional.empty()).workload());
    assertEquals(new Workload(10_000, 1.0), Workload.DEFAULT);
    assertEquals(new Workload(1000, 0), WordCountOptions.parse(
        new String[] {"--vocabulary", "1000", "--zipf", "0"}, Optional.empty()).workload());
    assertEquals(new Workload(500, 1.25), WordCountOptions.parse(
        new String[] {"--zipf", "1.25", "--vocabulary", "500"}, Optional.empty()).workload());
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--vocabulary", "0"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--zipf", "-1"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--zipf", "NaN"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--zipf", "x"}, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> WordCountOptions.parse(new String[] {"--rate", "9999999999"}, Optional.empty()));
  }

  @Test
  void everyBenchmarkTakesTheWorkloadFlags() throws Exception {
    for (String name : new String[] {"wordcount", "window", "state", "kafka", "wal"}) {
      BenchMain.Benchmark benchmark = BenchMain.Benchmark.named(name).orElseThrow();
      benchmark.prepare(new String[] {"--vocabulary", "1000", "--zipf", "0"}, Optional.empty());
      assertThrows(IllegalArgumentException.class,
          () -> benchmark.prepare(new String[] {"--zipf", "-0.5"}, Optional.empty()), name);
    }
  }
}
