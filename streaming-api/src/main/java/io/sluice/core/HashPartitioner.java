package io.sluice.core;

/** Partitions by the key's {@code hashCode()}, non-negative modulo the partition count; null goes to 0. */
public final class HashPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int numPartitions;

  /** Spreads keys over {@code numPartitions} partitions by their {@code hashCode()} (null keys go to partition 0). */
  public HashPartitioner(int numPartitions) {
    if (numPartitions <= 0) {
      throw new SluiceException("HashPartitioner needs at least one partition, got " + numPartitions);
    }
    this.numPartitions = numPartitions;
  }

  @Override
  public int numPartitions() {
    return numPartitions;
  }

  @Override
  public int getPartition(Object key) {
    return key == null ? 0 : Math.floorMod(key.hashCode(), numPartitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashPartitioner other && other.numPartitions == numPartitions;
  }

  @Override
  public int hashCode() {
    return numPartitions;
  }

  @Override
  public String toString() {
    return "HashPartitioner(" + numPartitions + ")";
  }
}
