package io.sluice.internal.util;

/** Wall-clock time. */
public final class SystemClock implements Clock {
  private static final long MAX_SLEEP_MS = 25;

  @Override
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long waitTillTime(long targetMillis) throws InterruptedException {
    long now = System.currentTimeMillis();
    while (now < targetMillis) {
      // Short sleeps keep the wake-up close to the target even if the wall clock jumps.
      Thread.sleep(Math.min(MAX_SLEEP_MS, targetMillis - now));
      now = System.currentTimeMillis();
    }
    return now;
  }
}
