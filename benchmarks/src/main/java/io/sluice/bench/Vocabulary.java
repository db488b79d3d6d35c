package io.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark's fixed vocabulary of distinct lower-case words of 1 to {@value #MAX_LENGTH} letters,
 * listed by rank: word 0 is the one a {@link ZipfSampler} draws most often. As in real text, the
 * frequent words are short: a word's length grows with the logarithm of its rank, plus a jitter of
 * 0-2 letters so that neighbouring ranks differ ("the" and "of" are not the same length either).
 * Everything depends only on the size, so two runs with the same size see the same words.
 *
 * <p>Distinct by construction: the words of one length are numbered in rank order, and word
 * number {@code j} of length {@code L} spells {@code j} in base 26, one letter per digit (each
 * position shifted by its own offset so words do not all start with 'a'); that spelling is one to
 * one for {@code j < 26^L}, and a length whose numbers run out passes the word on to the next
 * length. No word contains a space. Immutable.
 */
final class Vocabulary {
  /** The default vocabulary size of every benchmark. */
  static final int DEFAULT_SIZE = 10_000;
  static final int MAX_LENGTH = 15;
  /** Letters per unit of ln(rank): 10,000 words average ~9 letters, their Zipf(1) draws ~5.5. */
  private static final double LETTERS_PER_LN_RANK = 0.9;
  /** Prime to 26; small enough that number * SCATTER cannot overflow for number < 26^7. */
  private static final long SCATTER = 7919;

  private final List<String> words;
  private final byte[][] utf8;
  private final int maxUtf8Length;

  private Vocabulary(String[] words) {
    this.words = List.of(words);
    this.utf8 = Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    this.maxUtf8Length = Arrays.stream(utf8).mapToInt(b -> b.length).max().orElse(0);
  }

  /** The vocabulary of {@code size} words. */
  static Vocabulary of(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("vocabulary size must be > 0, got " + size);
    }
    String[] words = new String[size];
    long[] takenOfLength = new long[MAX_LENGTH + 1];
    char[] letters = new char[MAX_LENGTH];
    for (int index = 0; index < size; index++) {
      int length = preferredLength(index + 1);
      while (takenOfLength[length] >= capacity(length)) {
        length++; // never past MAX_LENGTH: 26^8 alone exceeds any int size
      }
      words[index] = spell(length, takenOfLength[length]++, letters);
    }
    return new Vocabulary(words);
  }

  /** 1 + floor(0.9 ln rank) + a jitter of 0-2 taken from a hash of the rank, within 1..15. */
  static int preferredLength(int rank) {
    int h = rank * 0x9E3779B1;
    int jitter = Math.floorMod(h ^ (h >>> 15), 3);
    int length = 1 + (int) (LETTERS_PER_LN_RANK * Math.log(rank)) + jitter;
    return Math.min(MAX_LENGTH, length);
  }

  /**
   * How many words of {@code length} letters there are: 26^length, but no more than 26^7 (well
   * past any int size), so it stays a power of 26 and spelling never overflows.
   */
  private static long capacity(int length) {
    long capacity = 1;
    for (int i = 0; i < Math.min(length, 7); i++) {
      capacity *= 26;
    }
    return capacity;
  }

  /**
   * Letters of word {@code number} of {@code length}: the number is first scattered over the
   * length's range (a multiplication by a number prime to 26 modulo a power of 26, one to one),
   * so neighbouring words differ in their first letters, not only their last.
   */
  private static String spell(int length, long number, char[] letters) {
    long rest = Math.floorMod(number * SCATTER, capacity(length));
    for (int position = 0; position < length; position++) {
      int digit = (int) (rest % 26);
      rest /= 26;
      letters[position] = (char) ('a' + (digit + 7 * position + 3 * length) % 26);
    }
    return new String(letters, 0, length);
  }

  int size() {
    return words.size();
  }

  /** The words, in rank order. */
  List<String> words() {
    return words;
  }

  /** Word {@code index} as UTF-8 bytes; the caller must not modify the array. */
  byte[] utf8(int index) {
    return utf8[index];
  }

  /** The longest word's UTF-8 length, for sizing line buffers. */
  int maxUtf8Length() {
    return maxUtf8Length;
  }
}
