package io.sluice.bench;

import io.sluice.api.Tuple2;
import java.util.List;
import java.util.Map;

/**
 * The most recent of a stream's word counts, kept on the driver: every batch of a running-total
 * stream replaces the previous totals. A {@code foreachRDD} function reaches it through the
 * {@link DriverRegistry} by {@link #id}. Thread-safe.
 */
final class LatestCounts implements AutoCloseable {
  private final String id;
  private long timeMs = Long.MIN_VALUE;
  private Map<String, Long> counts = Map.of();
  private long total;

  private LatestCounts() {
    this.id = DriverRegistry.register(this);
  }

  /** A new, registered holder; {@link #close} it when done. */
  static LatestCounts create() {
    return new LatestCounts();
  }

  /** Records the counts of the batch at {@code timeMs} with the holder named {@code id}. */
  static void record(String id, long timeMs, List<Tuple2<String, Integer>> counts) {
    DriverRegistry.lookup(id, LatestCounts.class).record(timeMs, WordCounts.toMap(counts));
  }

  /** Keeps {@code latest} if it is newer than what is kept. */
  synchronized void record(long batchTimeMs, Map<String, Long> latest) {
    if (batchTimeMs > timeMs) {
      timeMs = batchTimeMs;
      counts = latest;
      total = WordCounts.total(latest);
    }
  }

  String id() {
    return id;
  }

  /** The latest counts; empty before the first batch. */
  synchronized Map<String, Long> counts() {
    return counts;
  }

  /** The sum of the latest counts. */
  synchronized long total() {
    return total;
  }

  @Override
  public void close() {
    DriverRegistry.release(id);
  }
}
