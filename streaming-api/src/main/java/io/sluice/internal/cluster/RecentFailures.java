package io.sluice.internal.cluster;

import java.util.ArrayDeque;

/**
 * Counts failures over a sliding window, so that a budget such as {@code sluice.executor.maxFailures}
 * limits how often things fail now, not how often they ever failed: a streaming job that runs for
 * months loses an executor now and then and must not die of the sum. Not thread-safe.
 */
final class RecentFailures {
  private final long windowMs;
  private final ArrayDeque<Long> times = new ArrayDeque<>();

  RecentFailures(long windowMs) {
    this.windowMs = windowMs;
  }

  /** Records a failure at {@code nowMs}; returns how many fell within the window ending then. */
  int record(long nowMs) {
    times.addLast(nowMs);
    while (times.peekFirst() <= nowMs - windowMs) {
      times.pollFirst();
    }
    return times.size();
  }

  long windowMs() {
    return windowMs;
  }
}
