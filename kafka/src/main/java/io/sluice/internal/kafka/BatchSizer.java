package io.sluice.internal.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * How many offsets each partition may contribute to the next batch. With backpressure, the
 * stream's estimated rate is shared among partitions in proportion to their lag, so the partitions
 * furthest behind catch up first; {@code maxRatePerPartition} caps every partition. At least one
 * offset per lagging partition, so a stream always moves forward.
 */
final class BatchSizer {
  /**
   * With backpressure on but no estimate yet (the first batches, or the first after a recovery) and
   * no configured rate: the records/s each partition may read, so a backlog of a day is not read in
   * one batch. The estimate replaces it after the first batch completes.
   */
  static final long DEFAULT_INITIAL_RATE_PER_PARTITION = 10_000;

  private BatchSizer() {}

  /**
   * @param lags offsets available beyond where each partition's next batch starts
   * @param streamRate the backpressure rate for the whole stream, records/s, if any
   * @param maxRatePerPartition records/s per partition, 0 for no limit
   * @return the largest until-offset minus from-offset each partition may have; absent: no limit
   */
  static Map<TopicPartition, Long> maxOffsets(Map<TopicPartition, Long> lags, long batchMs, OptionalLong streamRate,
                                              long maxRatePerPartition) {
    Map<TopicPartition, Long> limits = new HashMap<>();
    long totalLag = lags.values().stream().mapToLong(Long::longValue).sum();
    lags.forEach((partition, lag) -> {
      double rate;
      if (streamRate.isPresent()) {
        double share = totalLag == 0 ? 0 : (double) lag / totalLag;
        rate = share * streamRate.getAsLong();
        if (maxRatePerPartition > 0) {
          rate = Math.min(rate, maxRatePerPartition);
        }
      } else if (maxRatePerPartition > 0) {
        rate = maxRatePerPartition;
      } else {
        return;
      }
      limits.put(partition, Math.max(1, (long) (rate * batchMs / 1000.0)));
    });
    return limits;
  }
}
