package io.sluice.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random lines of {@value #MIN_WORDS} to {@value #MAX_WORDS} words of a {@link Vocabulary}, drawn
 * by a {@link ZipfSampler}, counted as they are made. The caller owns the random generator, so a
 * line depends only on its seed and position and can be made again to check counts (Kafka).
 *
 * <p>Built for a line server writing ~15 million words a second on one thread: every word's UTF-8
 * bytes and the space after it are laid out once in one array, and a word is copied into the
 * caller's buffer as two 8-byte moves whatever its length (at most 15 letters and a space), the
 * next word overwriting what went past its end; an {@code arraycopy} call per 6-byte word cost
 * more than the copy. No allocation per word or line. Immutable; thread-safe as long as each
 * thread has its own random generator and buffers.
 */
final class WordLines {
  static final int MIN_WORDS = 5;
  static final int MAX_WORDS = 15;
  /** What one word's copy moves: two longs, at least a 15-letter word and its space. */
  private static final int COPY_BYTES = 16;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final Vocabulary vocabulary;
  private final ZipfSampler sampler;
  /** Each word's bytes followed by a space, word after word, then room for the last copy. */
  private final byte[] wordsWithSpace;
  /** Word {@code i} starts at {@code place[i] >>> 8} and is {@code place[i] & 0xff} bytes long, space included. */
  private final long[] place;
  private final int maxLineBytes;

  WordLines(Vocabulary vocabulary, ZipfSampler sampler) {
    if (vocabulary.size() != sampler.size()) {
      throw new IllegalArgumentException("sampler has " + sampler.size() + " ranks for "
          + vocabulary.size() + " words");
    }
    this.vocabulary = vocabulary;
    this.sampler = sampler;
    if (vocabulary.maxUtf8Length() + 1 > COPY_BYTES) {
      throw new IllegalArgumentException("words must fit " + (COPY_BYTES - 1) + " bytes");
    }
    int n = vocabulary.size();
    this.place = new long[n];
    long total = COPY_BYTES;
    for (int i = 0; i < n; i++) {
      total += vocabulary.utf8(i).length + 1;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("vocabulary too large to lay out: " + total + " bytes");
    }
    this.wordsWithSpace = new byte[(int) total];
    int at = 0;
    for (int i = 0; i < n; i++) {
      byte[] word = vocabulary.utf8(i);
      place[i] = (long) at << 8 | (word.length + 1);
      System.arraycopy(word, 0, wordsWithSpace, at, word.length);
      wordsWithSpace[at + word.length] = ' ';
      at += word.length + 1;
    }
    // The last word's 16-byte copy may run past the longest line's end.
    this.maxLineBytes = MAX_WORDS * (vocabulary.maxUtf8Length() + 1) + COPY_BYTES;
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The room {@link #writeLine} needs: the longest line, newline included, and a copy's overrun. */
  int maxLineBytes() {
    return maxLineBytes;
  }

  /**
   * Writes one line and its newline into {@code buffer} at {@code offset}, which must have room
   * for {@link #maxLineBytes}, and adds its words to {@code perWord} (by word index).
   *
   * @return the offset after the newline
   */
  int writeLine(SplittableRandom random, byte[] buffer, int offset, long[] perWord) {
    int words = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
    int at = offset;
    for (int w = 0; w < words; w++) {
      int index = sampler.next(random);
      long wordPlace = place[index];
      int from = (int) (wordPlace >>> 8);
      LONGS.set(buffer, at, (long) LONGS.get(wordsWithSpace, from));
      LONGS.set(buffer, at + 8, (long) LONGS.get(wordsWithSpace, from + 8));
      at += (int) (wordPlace & 0xff);
      perWord[index]++;
    }
    buffer[at - 1] = '\n'; // the last word's space ends the line instead
    return at;
  }

  /**
   * The next line as a string, without its newline, for producers that take one record per line;
   * {@code scratch} must have room for {@link #maxLineBytes}.
   */
  String nextLine(SplittableRandom random, byte[] scratch, long[] perWord) {
    int end = writeLine(random, scratch, 0, perWord);
    return new String(scratch, 0, end - 1, StandardCharsets.UTF_8);
  }

  /** Per-index counts as counts per word, leaving out words never drawn. */
  Map<String, Long> countsByWord(long[] perWord) {
    Map<String, Long> counts = new HashMap<>(2 * Math.min(perWord.length, 1 << 20));
    for (int i = 0; i < perWord.length; i++) {
      if (perWord[i] > 0) {
        counts.put(vocabulary.words().get(i), perWord[i]);
      }
    }
    return counts;
  }

  /** The expected words per line: the middle of {@value #MIN_WORDS}..{@value #MAX_WORDS}. */
  double meanWordsPerLine() {
    return (MIN_WORDS + MAX_WORDS) / 2.0;
  }

  /** The expected length in letters of a drawn word: each word's length weighted by its chance. */
  double meanWordLength() {
    double mean = 0;
    for (int i = 0; i < vocabulary.size(); i++) {
      mean += sampler.probability(i) * vocabulary.words().get(i).length();
    }
    return mean;
  }
}
