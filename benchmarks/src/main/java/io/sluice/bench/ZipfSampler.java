package io.sluice.bench;

import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with Zipf weights: rank {@code r} (0-based) has weight {@code 1 / (r+1)^s},
 * so with {@code s = 1} the first is drawn ten times as often as the tenth, and {@code s = 0} is
 * uniform. Uses an alias table (Vose's construction): every draw costs one random long and one
 * array read whatever the vocabulary size, where a binary search of a cumulative table would cost
 * ~14 dependent, cache-missing steps for 10,000 words, too slow for a line server writing 15
 * million words per second on one thread. Immutable; thread-safe.
 */
final class ZipfSampler {
  private static final long KEEP_SCALE = 1L << 31;

  private final double exponent;
  /** Probability of each rank, kept for the workload's expected figures. */
  private final double[] probability;
  /**
   * Column {@code i}: the high 32 bits are the chance of keeping rank {@code i} in units of 2^-31,
   * the low 32 bits the rank drawn otherwise. One long, so a draw touches one cache line.
   */
  private final long[] table;

  ZipfSampler(int n, double exponent) {
    if (n <= 0) {
      throw new IllegalArgumentException("need at least one rank, got " + n);
    }
    if (!(exponent >= 0) || Double.isInfinite(exponent)) {
      throw new IllegalArgumentException("the Zipf exponent must be finite and >= 0, got " + exponent);
    }
    this.exponent = exponent;
    this.probability = new double[n];
    double sum = 0;
    for (int r = 0; r < n; r++) {
      probability[r] = Math.pow(r + 1, -exponent);
      sum += probability[r];
    }
    for (int r = 0; r < n; r++) {
      probability[r] /= sum;
    }
    this.table = new long[n];
    buildAliasTable();
  }

  /**
   * Splits the probabilities, scaled so their mean is 1, into n columns of height 1: each column
   * holds part of one under-full rank and tops it up from one over-full rank.
   */
  private void buildAliasTable() {
    int n = probability.length;
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int r = 0; r < n; r++) {
      scaled[r] = probability[r] * n;
      if (scaled[r] < 1) {
        small[smallCount++] = r;
      } else {
        large[largeCount++] = r;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      int under = small[--smallCount];
      int over = large[--largeCount];
      table[under] = column(scaled[under], over);
      scaled[over] -= 1 - scaled[under];
      if (scaled[over] < 1) {
        small[smallCount++] = over;
      } else {
        large[largeCount++] = over;
      }
    }
    // What is left is 1 up to rounding error: those columns keep their own rank.
    while (largeCount > 0) {
      int r = large[--largeCount];
      table[r] = column(1, r);
    }
    while (smallCount > 0) {
      int r = small[--smallCount];
      table[r] = column(1, r);
    }
  }

  private static long column(double keep, int alias) {
    long threshold = Math.round(keep * KEEP_SCALE);
    return threshold << 32 | alias;
  }

  /**
   * One rank, 0-based. The random long's high half picks the column (multiply-shift, biased by
   * at most n / 2^32, far below anything a benchmark could see), its low 31 bits decide between
   * the column's rank and its alias.
   */
  int next(SplittableRandom random) {
    long bits = random.nextLong();
    int column = (int) (((bits >>> 32) * table.length) >>> 32);
    long entry = table[column];
    int alias = (int) entry;
    // Branch-free: the choice is a coin toss the CPU cannot predict. -1 keeps the column, 0 not.
    int keepColumn = (int) (((bits & (KEEP_SCALE - 1)) - (entry >>> 32)) >> 63);
    return alias ^ ((column ^ alias) & keepColumn);
  }

  int size() {
    return probability.length;
  }

  double exponent() {
    return exponent;
  }

  /** The chance of drawing {@code rank}. */
  double probability(int rank) {
    return probability[rank];
  }
}
