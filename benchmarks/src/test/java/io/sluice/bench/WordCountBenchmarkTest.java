package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Short real runs: 200 ms batches, a paced server, and the exactness check, on both kinds of master. */
class WordCountBenchmarkTest {
  @Test
  void shortRunCountsEveryWrittenWordExactly() throws Exception {
    assertExactShortRun("local[2]");
  }

  /**
   * The same on executor processes: the receiver in one, its blocks replicated to the other
   * (socketTextStream stores at MEMORY_AND_DISK_SER_2), the counting there, the totals on the
   * driver. Needs the executor module on the classpath, as {@code bin/sluice-bench} has it.
   */
  @Test
  void shortRunOnLocalClusterCountsEveryWrittenWordExactly() throws Exception {
    WordCountResult result = assertExactShortRun("local-cluster[2,1,512]");
    assertTrue(result.toJson().toString().contains("\"master\":\"local-cluster[2,1,512]\""));
  }

  /**
   * The SQL benchmark on executor processes: the query's plan is translated on the driver and its
   * compiled expressions, aggregates and shuffles run in the executors, counts exact.
   */
  @Test
  void sqlShortRunOnLocalClusterCountsEveryWrittenWordExactly() throws Exception {
    WordCountResult result = assertExactShortRun("local-cluster[2,1,512]", SqlBenchmark::run);
    assertTrue(result.toJson().toString().startsWith("{\"benchmark\":\"sql\""), result.toJson().toString());
  }

  private interface Benchmark {
    WordCountResult run(WordCountOptions options) throws Exception;
  }

  private static WordCountResult assertExactShortRun(String master) throws Exception {
    return assertExactShortRun(master, WordCountBenchmark::run);
  }

  private static WordCountResult assertExactShortRun(String master, Benchmark benchmark) throws Exception {
    WordCountOptions options = new WordCountOptions(master, 200, 200, 1000, 5000, 1, true);
    WordCountResult result = benchmark.run(options);

    assertTrue(result.lines() > 0, "the server wrote nothing");
    assertEquals(result.words(), result.wordsCounted());
    assertEquals(0, result.mismatchedWords());
    assertEquals(1, result.connections(), "the receiver reconnected");
    assertTrue(result.exact());
    assertTrue(result.stats().batches() > 0, "no batch completed while measuring");
    assertTrue(result.toJson().toString().contains("\"exact\":true"));
    return result;
  }
}
