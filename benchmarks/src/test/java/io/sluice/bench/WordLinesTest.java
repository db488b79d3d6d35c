package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordLinesTest {
  private final WordLines lines = Workload.DEFAULT.lines();

  @Test
  void linesHoldFiveToFifteenWordsAndTheCountsAreWhatWasWritten() {
    SplittableRandom random = new SplittableRandom(7);
    long[] perWord = new long[lines.vocabulary().size()];
    byte[] buffer = new byte[100 * lines.maxLineBytes()];
    int[] wordsPerLine = new int[WordLines.MAX_WORDS + 1];
    Map<String, Long> read = new HashMap<>();
    long lineCount = 0;
    for (int round = 0; round < 200; round++) {
      int end = 0;
      for (int l = 0; l < 100; l++) {
        end = lines.writeLine(random, buffer, end, perWord);
      }
      String text = new String(buffer, 0, end, StandardCharsets.UTF_8);
      assertTrue(text.endsWith("\n"));
      for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
        String[] words = line.split(" ", -1);
        wordsPerLine[words.length]++;
        for (String word : words) {
          read.merge(word, 1L, Long::sum);
        }
        lineCount++;
      }
    }
    assertEquals(20_000, lineCount);
    for (int n = 0; n <= WordLines.MAX_WORDS; n++) {
      if (n < WordLines.MIN_WORDS) {
        assertEquals(0, wordsPerLine[n], n + " words");
      } else {
        assertTrue(wordsPerLine[n] > 1000, n + " words: " + wordsPerLine[n]); // ~1818 each
      }
    }
    assertEquals(read, lines.countsByWord(perWord));
  }

  @Test
  void theSameSeedMakesTheSameLines() {
    byte[] scratch = new byte[lines.maxLineBytes()];
    long[] counts = new long[lines.vocabulary().size()];
    SplittableRandom a = new SplittableRandom(3);
    SplittableRandom b = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      String line = lines.nextLine(a, scratch, counts);
      assertTrue(!line.isEmpty() && !line.endsWith("\n"));
      assertEquals(line, lines.nextLine(b, scratch, counts));
    }
    assertEquals(lines.nextLine(new SplittableRandom(4), scratch, counts),
        lines.nextLine(new SplittableRandom(4), scratch, counts));
  }

  @Test
  void theWorkloadReportsItsShape() {
    assertEquals(10.0, lines.meanWordsPerLine());
    // Drawn words are short (frequent ones are), the vocabulary's average is longer.
    double drawn = lines.meanWordLength();
    double vocabulary = lines.vocabulary().words().stream().mapToInt(String::length).average().orElseThrow();
    assertTrue(drawn > 3 && drawn < 7, "mean drawn word length " + drawn);
    assertTrue(vocabulary > drawn + 2, "vocabulary mean " + vocabulary + ", drawn " + drawn);
    assertEquals(vocabulary, new Workload(10_000, 0).lines().meanWordLength(), 1e-9);
    String json = Workload.DEFAULT.toJson().toString();
    assertTrue(json.startsWith("{\"vocabulary\":10000,\"zipf\":1.0,\"mean_words_per_line\":10.0,"
        + "\"mean_word_length\":"), json);
  }
}
