package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A short real run: local[2], 200 ms batches, a paced server, and the exactness check. */
class WordCountBenchmarkTest {
  @Test
  void shortRunCountsEveryWrittenWordExactly() throws Exception {
    WordCountOptions options = new WordCountOptions("local[2]", 200, 200, 1000, 5000, 1, true);
    WordCountResult result = WordCountBenchmark.run(options);

    assertTrue(result.lines() > 0, "the server wrote nothing");
    assertEquals(result.words(), result.wordsCounted());
    assertEquals(0, result.mismatchedWords());
    assertTrue(result.exact());
    assertTrue(result.stats().batches() > 0, "no batch completed while measuring");
    assertTrue(result.toJson().toString().contains("\"exact\":true"));
  }
}
