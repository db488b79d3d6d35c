package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's fixed vocabulary: 1000 distinct lower-case words of three syllables. Word
 * {@code i} spells the decimal digits of {@code i} with one syllable per digit, so the list is the
 * same on every run and no word contains a space.
 */
final class Vocabulary {
  private static final String[] SYLLABLES = {"ka", "lo", "mi", "nu", "re", "sa", "ti", "vo", "ze", "pu"};

  /** The words, in index order. */
  static final List<String> WORDS = build();

  private Vocabulary() {}

  private static List<String> build() {
    List<String> words = new ArrayList<>(1000);
    for (int i = 0; i < 1000; i++) {
      words.add(SYLLABLES[i / 100] + SYLLABLES[i / 10 % 10] + SYLLABLES[i % 10]);
    }
    return List.copyOf(words);
  }
}
