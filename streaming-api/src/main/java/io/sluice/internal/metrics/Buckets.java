package io.sluice.internal.metrics;

/** Histogram bucket bounds, in seconds. */
final class Buckets {
  /**
   * Batch delays: a local batch takes a few milliseconds, a loaded cluster's minutes; the bounds
   * near the usual batch intervals (1 s, 2 s, 5 s, 10 s, 30 s, 1 min) tell "keeping up" from not.
   */
  static final double[] BATCH_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300};

  /** Write-ahead log writes: a local file's flush is sub-millisecond, an HDFS hflush tens of ms, a stall seconds. */
  static final double[] WAL_WRITE_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
      5, 10};

  private Buckets() {}
}
