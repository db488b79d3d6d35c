package io.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's fixed vocabulary of distinct lower-case words. Word {@code i} spells the decimal
 * digits of {@code i}, one two-letter syllable per digit, padded with leading zeros to at least
 * three syllables (and as many as the largest index needs), so the list depends only on its size
 * and no word contains a space. The default 1000 words are six letters long; 10,000 words are
 * eight. Immutable.
 */
final class Vocabulary {
  /** The word-count benchmark's vocabulary size. */
  static final int DEFAULT_SIZE = 1000;

  private static final String[] SYLLABLES = {"ka", "lo", "mi", "nu", "re", "sa", "ti", "vo", "ze", "pu"};
  private static final int MIN_SYLLABLES = 3;

  /** The words of the default vocabulary, in index order. */
  static final List<String> WORDS = of(DEFAULT_SIZE).words();

  private final List<String> words;
  private final byte[][] utf8;

  private Vocabulary(List<String> words) {
    this.words = words;
    this.utf8 = words.stream().map(w -> w.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
  }

  /** The vocabulary of {@code size} words. */
  static Vocabulary of(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("vocabulary size must be > 0, got " + size);
    }
    int syllables = Math.max(MIN_SYLLABLES, Integer.toString(size - 1).length());
    List<String> words = new ArrayList<>(size);
    StringBuilder word = new StringBuilder(2 * syllables);
    for (int i = 0; i < size; i++) {
      word.setLength(0);
      String digits = Integer.toString(i);
      for (int pad = digits.length(); pad < syllables; pad++) {
        word.append(SYLLABLES[0]);
      }
      for (int d = 0; d < digits.length(); d++) {
        word.append(SYLLABLES[digits.charAt(d) - '0']);
      }
      words.add(word.toString());
    }
    return new Vocabulary(List.copyOf(words));
  }

  int size() {
    return words.size();
  }

  /** The words, in index order. */
  List<String> words() {
    return words;
  }

  /** Word {@code index} as UTF-8 bytes; the caller must not modify the array. */
  byte[] utf8(int index) {
    return utf8[index];
  }
}
