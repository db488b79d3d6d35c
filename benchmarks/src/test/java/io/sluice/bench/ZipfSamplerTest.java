package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
  private static final int DRAWS = 2_000_000;

  private static long[] draw(ZipfSampler sampler, long seed) {
    long[] counts = new long[sampler.size()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < DRAWS; i++) {
      counts[sampler.next(random)]++;
    }
    return counts;
  }

  @Test
  void exponentOneDrawsTheFirstRankTenTimesAsOftenAsTheTenth() {
    long[] counts = draw(new ZipfSampler(10_000, 1.0), 1);
    double ratio = (double) counts[0] / counts[9];
    assertTrue(ratio > 9 && ratio < 11, "rank 1 / rank 10: " + ratio);
    double second = (double) counts[0] / counts[1];
    assertTrue(second > 1.8 && second < 2.2, "rank 1 / rank 2: " + second);
    // 1 / H(10,000) = 10.2 % of all draws go to the first word.
    assertEquals(1 / harmonic(10_000), (double) counts[0] / DRAWS, 0.005);
  }

  @Test
  void exponentZeroIsUniform() {
    long[] counts = draw(new ZipfSampler(1000, 0), 2);
    double expected = (double) DRAWS / 1000;
    for (int rank = 0; rank < counts.length; rank++) {
      // 2000 expected per rank, standard deviation ~45: 25 % off would be a broken table.
      assertEquals(expected, counts[rank], expected / 4, "rank " + rank);
    }
  }

  @Test
  void otherExponentsFollowTheirPowerLaw() {
    long[] counts = draw(new ZipfSampler(100, 2.0), 3);
    double ratio = (double) counts[0] / counts[4];
    assertTrue(ratio > 21 && ratio < 29, "rank 1 / rank 5 for s=2 (25 expected): " + ratio);
  }

  @Test
  void everyRankCanBeDrawnAndProbabilitiesAddUpToOne() {
    ZipfSampler sampler = new ZipfSampler(50, 1.0);
    long[] counts = draw(sampler, 4);
    double sum = 0;
    for (int rank = 0; rank < 50; rank++) {
      assertTrue(counts[rank] > 0, "rank " + rank + " never drawn");
      sum += sampler.probability(rank);
    }
    assertEquals(1.0, sum, 1e-9);
    assertEquals(0, new ZipfSampler(1, 1.0).next(new SplittableRandom(5)));
  }

  @Test
  void theSameSeedDrawsTheSameRanks() {
    ZipfSampler sampler = new ZipfSampler(10_000, 1.0);
    SplittableRandom a = new SplittableRandom(9);
    SplittableRandom b = new SplittableRandom(9);
    for (int i = 0; i < 1000; i++) {
      assertEquals(sampler.next(a), sampler.next(b));
    }
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(10, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(10, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(10, Double.POSITIVE_INFINITY));
  }

  private static double harmonic(int n) {
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1.0 / k;
    }
    return sum;
  }
}
