package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.streaming.Durations;
import org.junit.jupiter.api.Test;

/** Short real runs: local[2], 200 ms batches, a paced server, and the exactness checks. */
class WindowAndStateBenchmarkTest {
  private static final WordCountOptions OPTIONS =
      new WordCountOptions("local[2]", 200, 200, 1600, 5000, 1, true, new Workload(2000, 1.0));

  @Test
  void shortStateRunEndsWithExactTotals() throws Exception {
    StateResult result = StateBenchmark.run(OPTIONS);

    assertTrue(result.measured().written().lines() > 0, "the server wrote nothing");
    assertEquals(result.measured().written().words(), result.wordsCounted());
    assertEquals(0, result.mismatchedWords());
    // Zipf draws may leave some rare words out: the state holds exactly the words written.
    assertEquals(result.measured().written().wordCounts().size(), result.keys());
    assertTrue(result.exact());
    assertTrue(result.stats().batches() > 0, "no batch completed while measuring");
  }

  @Test
  void shortWindowRunChecksEveryWindowExactly() throws Exception {
    WindowResult result = WindowBenchmark.run(OPTIONS, Durations.milliseconds(1000),
        Durations.milliseconds(400));

    assertTrue(result.measured().written().lines() > 0, "the server wrote nothing");
    assertEquals(result.measured().written().words(), result.wordsCounted());
    assertEquals(0, result.mismatchedWords());
    assertTrue(result.windows().checked() >= 3, "windows checked: " + result.windows().checked());
    assertEquals(0, result.windows().mismatched());
    assertTrue(result.windows().lastWindowKeys() > 0);
    assertTrue(result.exact(), result.windows().toString());
  }
}
