package io.sluice.internal.util;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Milliseconds on the JVM's monotonic scale ({@link System#nanoTime}), not wall time: for block
 * intervals, restart delays, heartbeat silences and other durations, which must not stall or fire
 * early when NTP steps the wall clock. Its readings mean nothing as dates; the batch grid, which
 * is wall time by design, runs on {@link SystemClock}.
 */
public final class MonotonicClock implements Clock {
  @Override
  public long currentTimeMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  }

  @Override
  public long waitTillTime(long targetMillis) throws InterruptedException {
    long now = currentTimeMillis();
    while (now < targetMillis) {
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(targetMillis - now));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      now = currentTimeMillis();
    }
    return now;
  }
}
