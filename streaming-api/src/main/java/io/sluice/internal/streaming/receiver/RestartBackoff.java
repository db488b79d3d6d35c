package io.sluice.internal.streaming.receiver;

/**
 * The wait before a receiver is started again: the initial delay, doubled for every consecutive
 * restart in which the receiver stored nothing (a source that is down), capped at the maximum,
 * and back to the initial delay once a run stored data. Not thread-safe; the supervisor guards it.
 */
final class RestartBackoff {
  private final long initialMs;
  private final long maxMs;
  private long currentMs = -1;

  RestartBackoff(long initialMs, long maxMs) {
    this.initialMs = Math.max(0, initialMs);
    this.maxMs = Math.max(this.initialMs, maxMs);
  }

  /** The delay for the restart being requested now; {@code storedSinceStart} is about the run that ends. */
  long next(boolean storedSinceStart) {
    if (currentMs < 0 || storedSinceStart) {
      currentMs = initialMs;
    } else {
      currentMs = Math.min(maxMs, currentMs * 2);
    }
    return currentMs;
  }

  /** The last delay handed out, -1 before the first restart. */
  long current() {
    return currentMs;
  }
}
