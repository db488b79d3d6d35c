package io.sluice.bench;

/**
 * What a socket benchmark run measured, apart from its own exactness check.
 *
 * @param written what the server wrote: lines and per-word counts
 * @param recordsInBatches lines the listener saw in submitted batches
 * @param connections receiver connections the server accepted (1 unless the receiver restarted)
 * @param stats latency of the batches that completed in the measured time
 */
public record Measurement(FullSpeedLineServer.Written written, long recordsInBatches, int connections,
                   LatencyStats stats) {
}
