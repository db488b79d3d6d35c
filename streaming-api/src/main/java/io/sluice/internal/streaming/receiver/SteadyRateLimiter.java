package io.sluice.internal.streaming.receiver;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands out permits at a steady rate and saves up almost nothing while unused: a receiver that
 * waited (for a full block queue, or because no data came) may afterwards store only
 * {@link #MAX_CATCH_UP_NANOS} worth of extra records at once, not more.
 *
 * <p>Why not Guava's {@code RateLimiter.create(rate)}: it saves up to one second of unused permits
 * and then hands them out at once. When the block queue was full the receiver's thread sat blocked
 * for a while without asking for permits, then read a second's worth of the socket's backlog at
 * full speed: blocks of up to about twice rate x blockInterval records. With blockQueueSize of those
 * waiting to be stored, the receiver executor of {@code local-cluster[2,1,1024]} overloaded at
 * 1.4 million lines/s ran out of heap while serializing one (a block of 533,000 lines), and its
 * records were lost. Here a block holds at most rate x (blockInterval + a few ms) records, so
 * what the queue holds stays bounded by the rate that backpressure (or maxRate) sets. (Measured on
 * local-cluster[2,1,768] at 1.3 million lines/s: largest blocks 527,000-677,000 records, 11-27 full
 * GCs of the receiver executor and a lost block with Guava's limiter; 320,000-370,000 records, no
 * full GC and exact counts with this one.)
 *
 * <p>Cheap at millions of permits per second: a caller sleeps only once it is at least
 * {@link #MIN_SLEEP_NANOS} ahead of the rate, so it takes permits in short runs. Thread-safe.
 */
final class SteadyRateLimiter {
  /** The most that waiting earns; enough to absorb oversleeping, too little for a burst. */
  static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** Callers less than this ahead of the rate go on without sleeping. */
  static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private double nanosPerPermit; // guarded by this
  private long originNanos;      // guarded by this: when permit 0 of the current run was due
  private long granted;          // guarded by this: permits handed out since originNanos

  SteadyRateLimiter(double permitsPerSecond) {
    this.nanosPerPermit = nanosPerPermit(permitsPerSecond);
    this.originNanos = System.nanoTime();
  }

  /** Changes the rate from now on. */
  synchronized void setRate(double permitsPerSecond) {
    long now = System.nanoTime();
    long due = dueNanos();
    originNanos = Math.max(due, now - MAX_CATCH_UP_NANOS);
    granted = 0;
    nanosPerPermit = nanosPerPermit(permitsPerSecond);
  }

  /** How many permits the current rate hands out in {@code nanos} (at least one). */
  synchronized int permitsPer(long nanos) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / nanosPerPermit));
  }

  /** Takes one permit, sleeping if the caller is ahead of the rate. */
  void acquire() {
    acquire(1);
  }

  /** Takes {@code permits} at once (records that arrived together), sleeping if the caller is ahead of the rate. */
  void acquire(int permits) {
    long now = System.nanoTime();
    long ahead = reserve(now, permits);
    if (ahead >= MIN_SLEEP_NANOS) {
      long until = now + ahead;
      for (long left = ahead; left > 0; left = until - System.nanoTime()) {
        LockSupport.parkNanos(this, left);
      }
    }
  }

  /** Reserves the next permits; returns how long after {@code now} the last of them is due (negative: overdue). */
  private synchronized long reserve(long now, int permits) {
    long due = dueNanos();
    if (now - due > MAX_CATCH_UP_NANOS) {
      // Unused time beyond the catch-up allowance is forgotten rather than saved for a burst.
      originNanos = now - MAX_CATCH_UP_NANOS;
      granted = 0;
    }
    long lastDue = originNanos + (long) ((granted + permits - 1) * nanosPerPermit);
    granted += permits;
    return lastDue - now;
  }

  private long dueNanos() {
    return originNanos + (long) (granted * nanosPerPermit);
  }

  private static double nanosPerPermit(double permitsPerSecond) {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException("rate must be positive and finite, got " + permitsPerSecond);
    }
    return TimeUnit.SECONDS.toNanos(1) / permitsPerSecond;
  }
}
