package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void wordsAreDistinctLowerCaseAndOneToFifteenLetters() {
    for (int size : new int[] {1, 2, 26, 1000, 10_000, 200_000}) {
      List<String> words = Vocabulary.of(size).words();
      assertEquals(size, words.size());
      assertEquals(size, new HashSet<>(words).size(), "duplicates among " + size);
      assertTrue(words.stream().allMatch(w -> w.matches("[a-z]{1,15}")), "size " + size);
    }
  }

  @Test
  void theSameSizeGivesTheSameWordsAndALargerOneOnlyAddsWords() {
    List<String> words = Vocabulary.of(10_000).words();
    assertEquals(words, Vocabulary.of(10_000).words());
    // Lengths and spellings follow from the rank alone, so a smaller vocabulary is a prefix.
    assertEquals(Vocabulary.of(1000).words(), words.subList(0, 1000));
  }

  @Test
  void lengthsVaryAndFrequentWordsAreShorter() {
    Vocabulary vocabulary = Vocabulary.of(10_000);
    int[] lengths = vocabulary.words().stream().mapToInt(String::length).toArray();
    assertTrue(IntStream.of(lengths).distinct().count() >= 8, "too few distinct lengths");
    double firstHundred = IntStream.of(lengths).limit(100).average().orElseThrow();
    double lastThousand = IntStream.of(lengths).skip(9000).average().orElseThrow();
    assertTrue(firstHundred < 5, "mean length of the 100 most frequent: " + firstHundred);
    assertTrue(lastThousand > 8, "mean length of the 1000 rarest: " + lastThousand);
    assertTrue(lengths[0] <= 3, "the most frequent word: " + vocabulary.words().get(0));
  }

  @Test
  void utf8BytesAreTheWords() {
    Vocabulary vocabulary = Vocabulary.of(100);
    for (int i = 0; i < 100; i++) {
      assertArrayEquals(vocabulary.words().get(i).getBytes(StandardCharsets.UTF_8), vocabulary.utf8(i));
    }
    assertEquals(vocabulary.words().stream().mapToInt(String::length).max().orElseThrow(),
        vocabulary.maxUtf8Length());
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(0));
  }
}
