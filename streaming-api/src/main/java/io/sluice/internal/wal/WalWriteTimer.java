package io.sluice.internal.wal;

/**
 * Hears how long each write-ahead log write took, so the metrics can show the cost of durability
 * without the log knowing about them. Called on the writing thread after the write returned;
 * implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface WalWriteTimer {
  WalWriteTimer NONE = nanos -> {};

  void written(long nanos);
}
