package io.sluice.internal.rdd;

import io.sluice.core.Partition;

/** A partition that needs nothing but its position. */
public record IndexPartition(int index) implements Partition {}
