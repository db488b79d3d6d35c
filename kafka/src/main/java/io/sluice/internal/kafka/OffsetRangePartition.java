package io.sluice.internal.kafka;

import io.sluice.core.Partition;
import io.sluice.kafka.OffsetRange;

/** One RDD partition of a Kafka RDD: one offset range of one topic partition. */
record OffsetRangePartition(int index, OffsetRange range) implements Partition {}
