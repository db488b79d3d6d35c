package io.sluice.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A summary of the batches measured by a benchmark run: how long processing took and how far the
 * results lagged behind, with a verdict on whether the run kept up.
 *
 * <p>Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the value
 * at rank {@code ceil(p / 100 * n)}, so each reported figure is one a batch really had.
 *
 * @param batches how many batches were measured
 * @param records the records (lines) those batches held
 * @param stable whether total delay stayed flat; see {@link #isStable}
 * @param settled where the run settled after its start ({@link Settling}); empty when it did not,
 *     or when the batches before the measured ones were not looked at
 */
public record LatencyStats(int batches, long records, long processingMedianMs, long processingMaxMs,
                           long totalDelayMedianMs, long totalDelayP99Ms, boolean stable,
                           Optional<Settling> settled) {

  /** Without a settling point (runs that do not look at their start). */
  public LatencyStats(int batches, long records, long processingMedianMs, long processingMaxMs,
                      long totalDelayMedianMs, long totalDelayP99Ms, boolean stable) {
    this(batches, records, processingMedianMs, processingMaxMs, totalDelayMedianMs, totalDelayP99Ms, stable,
        Optional.empty());
  }

  /** One completed batch, as the benchmark's listener saw it. */
  public record BatchSample(long batchTimeMs, long records, long processingMs, long totalDelayMs) { }

  /**
   * Records processed per second while measuring: the records of the measured batches over the
   * measured time. A stable run processes what arrives, so this is the input rate; an unstable one
   * falls behind, and this is what it managed, not what was offered.
   */
  public double recordsPerSecond(long measuredMs) {
    return records * 1000.0 / measuredMs;
  }

  /** Summarises {@code samples}, in any order, of a stream with batches of {@code batchMs}. */
  public static LatencyStats of(List<BatchSample> samples, long batchMs) {
    List<BatchSample> ordered = samples.stream()
        .sorted(Comparator.comparingLong(BatchSample::batchTimeMs)).toList();
    long[] processing = sorted(ordered.stream().mapToLong(BatchSample::processingMs).toArray());
    long[] total = sorted(ordered.stream().mapToLong(BatchSample::totalDelayMs).toArray());
    return new LatencyStats(ordered.size(),
        ordered.stream().mapToLong(BatchSample::records).sum(),
        percentile(processing, 50), percentile(processing, 100),
        percentile(total, 50), percentile(total, 99),
        isStable(ordered, batchMs));
  }

  /**
   * As {@link #of(List, long)} for the batches from position {@code from} to {@code to} of
   * {@code fromStart} (every batch since the stream started), with where the run settled.
   */
  public static LatencyStats of(List<BatchSample> fromStart, int from, int to, long batchMs) {
    List<BatchSample> measured = fromStart.subList(Math.min(from, fromStart.size()), Math.min(to, fromStart.size()));
    LatencyStats stats = of(measured, batchMs);
    Optional<Settling> settled = Settling.of(fromStart.subList(0, Math.min(to, fromStart.size())), batchMs,
        Settling.medianRecords(measured));
    return new LatencyStats(stats.batches, stats.records, stats.processingMedianMs, stats.processingMaxMs,
        stats.totalDelayMedianMs, stats.totalDelayP99Ms, stats.stable, settled);
  }

  /**
   * A run is stable when the work did not pile up: the median total delay of the last third of
   * the batches is below the batch interval and at most about twice that of the first third
   * (with a tenth of the interval of slack, so that jitter of a few milliseconds on tiny delays
   * does not count as growth). Fewer than three batches cannot show a trend and are not stable.
   *
   * @param ordered samples in batch-time order
   */
  static boolean isStable(List<BatchSample> ordered, long batchMs) {
    int third = ordered.size() / 3;
    if (third == 0) {
      return false;
    }
    long first = medianTotalDelay(ordered.subList(0, third));
    long last = medianTotalDelay(ordered.subList(ordered.size() - third, ordered.size()));
    return last < batchMs && last <= Math.max(2 * first, first + batchMs / 10);
  }

  /** The nearest-rank percentile of sorted values, or 0 when there are none. */
  static long percentile(long[] sortedValues, double p) {
    if (sortedValues.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedValues.length);
    return sortedValues[Math.min(Math.max(rank, 1), sortedValues.length) - 1];
  }

  private static long medianTotalDelay(List<BatchSample> samples) {
    return percentile(sorted(samples.stream().mapToLong(BatchSample::totalDelayMs).toArray()), 50);
  }

  private static long[] sorted(long[] values) {
    Arrays.sort(values);
    return values;
  }
}
