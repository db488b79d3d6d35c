package io.sluice.internal.util;

import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code callback} with each multiple of {@code periodMs} as the clock reaches it, on its own
 * daemon thread. With a manual clock, each advance past a multiple fires it (once per multiple).
 */
public final class RecurringTimer {
  private static final Logger log = LoggerFactory.getLogger(RecurringTimer.class);

  private final Clock clock;
  private final long periodMs;
  private final LongConsumer callback;
  private final Thread thread;
  private volatile long nextTime;
  private volatile boolean stopped;
  private volatile long lastFired = -1;

  public RecurringTimer(Clock clock, long periodMs, LongConsumer callback, String name) {
    this.clock = clock;
    this.periodMs = periodMs;
    this.callback = callback;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
  }

  /** The first multiple of the period strictly after now. */
  public long firstStartTime() {
    return (clock.currentTimeMillis() / periodMs + 1) * periodMs;
  }

  /** Starts firing at {@code startTime} (a multiple of the period). */
  public void start(long startTime) {
    nextTime = startTime;
    thread.start();
  }

  /**
   * Stops the timer. With {@code interrupt} false, lets the pending tick fire first (used by a
   * graceful stop, which needs one more batch); returns the last time fired, or -1.
   */
  public long stop(boolean interrupt) {
    stopped = true;
    if (interrupt) {
      thread.interrupt();
    }
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return lastFired;
  }

  private void loop() {
    try {
      do {
        clock.waitTillTime(nextTime);
        callback.accept(nextTime);
        lastFired = nextTime;
        nextTime += periodMs;
      } while (!stopped);
    } catch (InterruptedException e) {
      log.debug("Timer {} interrupted", thread.getName());
    }
  }
}
