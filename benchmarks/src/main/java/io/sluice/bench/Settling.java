package io.sluice.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How long a run took to settle after its start. The first batches run on cold code, and with
 * backpressure the receiver starts at a bounded rate that the estimates after each batch must
 * raise; a run has settled at batch k (counted from 1) when batch k and the {@link #WINDOW} - 1
 * after it all finished within the batch interval (total delay below it) and each held at least
 * {@link #SHARE_OF_REFERENCE} of the reference records per batch (the median of the measured
 * batches): the stream processes what it receives, at the rate it then keeps.
 *
 * @param batches the batch it settled at, counted from the first batch of the run
 * @param ms from the start of the first batch's interval (about when the stream started) to the end
 *     of that batch's processing
 */
record Settling(int batches, long ms) {
  static final int WINDOW = 5;
  static final double SHARE_OF_REFERENCE = 0.8;

  /**
   * Where the run of {@code fromStart} (every completed batch since the start, any order) settled,
   * or empty when it did not within those batches.
   */
  static Optional<Settling> of(List<LatencyStats.BatchSample> fromStart, long batchMs, long referenceRecords) {
    List<LatencyStats.BatchSample> ordered = fromStart.stream()
        .sorted(Comparator.comparingLong(LatencyStats.BatchSample::batchTimeMs)).toList();
    long enough = (long) Math.ceil(referenceRecords * SHARE_OF_REFERENCE);
    int settledRun = 0;
    for (int i = 0; i < ordered.size(); i++) {
      LatencyStats.BatchSample batch = ordered.get(i);
      settledRun = batch.totalDelayMs() < batchMs && batch.records() >= enough ? settledRun + 1 : 0;
      if (settledRun == WINDOW) {
        LatencyStats.BatchSample first = ordered.get(i - WINDOW + 1);
        long start = ordered.get(0).batchTimeMs() - batchMs;
        return Optional.of(new Settling(i - WINDOW + 2, first.batchTimeMs() + first.totalDelayMs() - start));
      }
    }
    return Optional.empty();
  }

  /** The median records per batch of {@code measured}: what a settled batch holds. */
  static long medianRecords(List<LatencyStats.BatchSample> measured) {
    long[] records = measured.stream().mapToLong(LatencyStats.BatchSample::records).toArray();
    Arrays.sort(records);
    return LatencyStats.percentile(records, 50);
  }
}
