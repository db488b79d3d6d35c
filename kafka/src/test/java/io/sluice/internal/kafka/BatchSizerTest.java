package io.sluice.internal.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchSizerTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  @Test
  void withoutAnyRateThereIsNoLimit() {
    assertTrue(BatchSizer.maxOffsets(Map.of(P0, 1_000_000L), 1000, OptionalLong.empty(), 0).isEmpty());
  }

  @Test
  void maxRatePerPartitionTimesTheBatchIntervalBoundsEveryPartition() {
    Map<TopicPartition, Long> limits = BatchSizer.maxOffsets(Map.of(P0, 1_000_000L, P1, 10L), 2000,
        OptionalLong.empty(), 300);
    assertEquals(Map.of(P0, 600L, P1, 600L), limits);
  }

  @Test
  void theBackpressureRateIsSharedByLagAndCappedByMaxRatePerPartition() {
    Map<TopicPartition, Long> limits = BatchSizer.maxOffsets(Map.of(P0, 3000L, P1, 1000L), 1000,
        OptionalLong.of(1000), 0);
    assertEquals(Map.of(P0, 750L, P1, 250L), limits);
    Map<TopicPartition, Long> capped = BatchSizer.maxOffsets(Map.of(P0, 3000L, P1, 1000L), 1000,
        OptionalLong.of(1000), 500);
    assertEquals(Map.of(P0, 500L, P1, 250L), capped);
  }

  @Test
  void everyPartitionMayReadAtLeastOneOffsetSoTheStreamMovesOn() {
    Map<TopicPartition, Long> limits = BatchSizer.maxOffsets(Map.of(P0, 1_000_000L, P1, 1L), 100,
        OptionalLong.of(5), 0);
    assertEquals(1L, limits.get(P1));
    assertEquals(1L, limits.get(P0)); // 5 records/s for a tenth of a second rounds down to 0
  }
}
