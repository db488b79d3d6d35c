package io.sluice.internal.checkpoint;

import java.util.Optional;

/**
 * How the metadata checkpoints are going, for the UI and /metrics: a failed write does not stop the
 * batches (the next checkpoint written covers everything), so it has to be visible somewhere other
 * than the log. Written by the checkpoint writer's thread, read by anyone.
 */
public final class CheckpointStatus {
  /**
   * One consistent reading.
   *
   * @param lastWrittenBatchMs batch time of the newest checkpoint written, or -1
   * @param failedWrites every failed write so far
   * @param failuresSinceLastWrite failed writes since the newest one written (0: all is well)
   * @param lastError the newest failure's cause, with when it happened (wall time, ms)
   */
  public record View(long lastWrittenBatchMs, long failedWrites, long failuresSinceLastWrite,
                     Optional<String> lastError, long lastErrorAtMs) {}

  private long lastWrittenBatchMs = -1;
  private long failedWrites;
  private long failuresSinceLastWrite;
  private String lastError;
  private long lastErrorAtMs;

  public synchronized void written(long batchMs) {
    lastWrittenBatchMs = Math.max(lastWrittenBatchMs, batchMs);
    failuresSinceLastWrite = 0;
  }

  public synchronized void failed(String error, long nowMs) {
    failedWrites++;
    failuresSinceLastWrite++;
    lastError = error;
    lastErrorAtMs = nowMs;
  }

  /** Batch time of the newest checkpoint written, or -1. */
  public synchronized long lastWrittenBatchMs() {
    return lastWrittenBatchMs;
  }

  public synchronized View view() {
    return new View(lastWrittenBatchMs, failedWrites, failuresSinceLastWrite, Optional.ofNullable(lastError),
        lastErrorAtMs);
  }
}
