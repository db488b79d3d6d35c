package io.sluice.internal.util;

/** A clock that moves only when told to: tests drive batches with it and never sleep. */
public final class ManualClock implements Clock {
  private long time;

  public ManualClock() {
    this(0);
  }

  public ManualClock(long startMillis) {
    this.time = startMillis;
  }

  @Override
  public synchronized long currentTimeMillis() {
    return time;
  }

  public synchronized void setTime(long millis) {
    time = millis;
    notifyAll();
  }

  public synchronized void advance(long millis) {
    time += millis;
    notifyAll();
  }

  @Override
  public synchronized long waitTillTime(long targetMillis) throws InterruptedException {
    while (time < targetMillis) {
      wait();
    }
    return time;
  }
}
