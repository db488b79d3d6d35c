package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bench.LatencyStats.BatchSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void percentilesUseNearestRank() {
    long[] values = {10, 20, 30, 40};
    assertEquals(20, LatencyStats.percentile(values, 50));
    assertEquals(40, LatencyStats.percentile(values, 99));
    assertEquals(40, LatencyStats.percentile(values, 100));
    assertEquals(10, LatencyStats.percentile(values, 0));
    assertEquals(0, LatencyStats.percentile(new long[0], 50));
  }

  @Test
  void summarisesBatchesInAnyOrder() {
    List<BatchSample> samples = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      samples.add(new BatchSample(1_000L * i, 500, i, 100 + i));
    }
    Collections.shuffle(samples);
    LatencyStats stats = LatencyStats.of(samples, 1000);
    assertEquals(100, stats.batches());
    assertEquals(50_000, stats.records());
    assertEquals(50, stats.processingMedianMs());
    assertEquals(100, stats.processingMaxMs());
    assertEquals(150, stats.totalDelayMedianMs());
    assertEquals(199, stats.totalDelayP99Ms());
    assertTrue(stats.stable());
  }

  @Test
  void growingOrTooLongDelaysAreUnstable() {
    assertFalse(LatencyStats.of(delays(100, 150, 200, 400, 600, 800), 1000).stable(), "grows");
    assertFalse(LatencyStats.of(delays(900, 950, 1000, 1000, 1100, 1200), 1000).stable(), "> batch");
    assertTrue(LatencyStats.of(delays(5, 6, 20, 7, 12, 14), 1000).stable(), "jitter on tiny delays");
    assertFalse(LatencyStats.of(delays(5, 6), 1000).stable(), "too few batches to tell");
  }

  private static List<BatchSample> delays(long... totalDelays) {
    List<BatchSample> samples = new ArrayList<>();
    for (int i = 0; i < totalDelays.length; i++) {
      samples.add(new BatchSample(1000L * i, 1, 1, totalDelays[i]));
    }
    return samples;
  }
}
