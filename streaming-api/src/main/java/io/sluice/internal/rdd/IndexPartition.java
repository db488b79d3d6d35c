package io.sluice.internal.rdd;

/** A partition that needs nothing but its position. */
public record IndexPartition(int index) implements Partition {}
