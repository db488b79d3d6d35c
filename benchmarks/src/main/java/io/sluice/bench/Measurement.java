package io.sluice.bench;

/**
 * What a socket benchmark run measured, apart from its own exactness check.
 *
 * @param written what the server wrote: lines and per-word counts
 * @param recordsInBatches lines the listener saw in submitted batches
 * @param connections receiver connections the server accepted (1 unless the receiver restarted)
 * @param stats latency of the batches that completed in the measured time
 * @param receivedWhileMeasuring lines in the batches submitted during the measured time: what the
 *     receiver stored (and reported) then, whether or not processing kept up with it
 * @param cpuSeconds CPU the engine used during the measured time, in all its processes ({@link CpuMeter})
 */
public record Measurement(FullSpeedLineServer.Written written, long recordsInBatches, int connections,
                   LatencyStats stats, long receivedWhileMeasuring, double cpuSeconds) {

  /** Lines the receiver stored per second while measuring: its ingest rate. */
  public double receivedPerSecond(long measuredMs) {
    return receivedWhileMeasuring * 1000.0 / measuredMs;
  }
}
