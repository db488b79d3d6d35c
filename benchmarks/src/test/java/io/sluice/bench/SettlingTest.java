package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlingTest {
  private static final long BATCH_MS = 1000;

  /** Batch n (from 1) at time n s, with its records and total delay. */
  private static LatencyStats.BatchSample batch(int n, long records, long totalDelayMs) {
    return new LatencyStats.BatchSample(n * BATCH_MS, records, totalDelayMs / 2, totalDelayMs);
  }

  @Test
  void settlesAtTheFirstOfFiveBatchesThatKeepUpAtTheRateTheRunKeeps() {
    List<LatencyStats.BatchSample> run = new ArrayList<>(List.of(
        batch(1, 50_000, 2_500),   // cold code
        batch(2, 50_000, 1_800),   // still behind
        batch(3, 50_000, 400),     // keeps up, but at the initial bound
        batch(4, 190_000, 600),
        batch(5, 290_000, 500),    // settles here
        batch(6, 300_000, 450),
        batch(7, 300_000, 2_000),  // a GC pause: starts the count again
        batch(8, 300_000, 450)));
    for (int n = 9; n <= 14; n++) {
      run.add(batch(n, 300_000, 450));
    }
    // Batches 8-12 are the first five in a row; batch 8 ends 8 s + 0.45 s after the first interval began at 0 s.
    assertEquals(Optional.of(new Settling(8, 8_450)), Settling.of(run, BATCH_MS, 300_000));
  }

  @Test
  void doesNotSettleWhenDelayKeepsGrowing() {
    List<LatencyStats.BatchSample> run = new ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      run.add(batch(n, 500_000, 900L + 100L * n));
    }
    assertEquals(Optional.empty(), Settling.of(run, BATCH_MS, 500_000));
  }

  @Test
  void statsOfAMeasuredStretchSaySettledFromTheStart() {
    List<LatencyStats.BatchSample> run = new ArrayList<>();
    run.add(batch(1, 10_000, 3_000));
    for (int n = 2; n <= 12; n++) {
      run.add(batch(n, 100_000, 200));
    }
    LatencyStats stats = LatencyStats.of(run, 6, 12, BATCH_MS);
    assertEquals(6, stats.batches(), "measured: positions 6 to 11");
    assertEquals(Optional.of(new Settling(2, 2_200)), stats.settled());
    String json = ResultJson.latency(new JsonLine(), stats).toString();
    assertEquals(true, json.contains("\"settled\":{\"batches\":2,\"ms\":2200}"), json);
  }
}
