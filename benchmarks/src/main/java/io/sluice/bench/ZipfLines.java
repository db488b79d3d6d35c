package io.sluice.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Lines of words drawn from a vocabulary with Zipf-distributed frequencies (exponent 1: the
 * second word is half as frequent as the first, the tenth a tenth), as words in real text are.
 * Line {@code i} of stream {@code s} depends only on (seed, s, i), so the lines a benchmark sent
 * can be regenerated to check its counts instead of being kept in memory.
 */
final class ZipfLines {
  private final Vocabulary vocabulary;
  private final double[] cumulative;
  private final int wordsPerLine;

  ZipfLines(Vocabulary vocabulary, int wordsPerLine) {
    this.vocabulary = vocabulary;
    this.wordsPerLine = wordsPerLine;
    this.cumulative = new double[vocabulary.size()];
    double sum = 0;
    for (int rank = 1; rank <= cumulative.length; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
  }

  /** A generator of the lines of one stream (e.g. one Kafka partition), from its first line on. */
  Stream stream(long seed, int stream) {
    return new Stream(new SplittableRandom(seed * 1_000_003L + stream));
  }

  final class Stream {
    private final SplittableRandom random;
    private final StringBuilder line = new StringBuilder(128);

    private Stream(SplittableRandom random) {
      this.random = random;
    }

    /** The next line; its words are also added to {@code counts} when that is not null. */
    String next(Map<String, Long> counts) {
      line.setLength(0);
      for (int w = 0; w < wordsPerLine; w++) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        String word = vocabulary.words().get(index < 0 ? Math.min(-index - 1, cumulative.length - 1) : index);
        if (w > 0) {
          line.append(' ');
        }
        line.append(word);
        if (counts != null) {
          counts.merge(word, 1L, Long::sum);
        }
      }
      return line.toString();
    }
  }
}
