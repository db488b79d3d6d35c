package io.sluice.internal.util;

import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when told to: tests drive batches with it and never sleep. */
public final class ManualClock implements Clock {
  private long time;
  // The targets of the threads blocked in waitTillTime, so tests can wait until a timer is parked.
  private final List<Long> waitingFor = new ArrayList<>();

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
    if (time >= targetMillis) {
      return time;
    }
    Long target = targetMillis;
    waitingFor.add(target);
    notifyAll(); // wakes tests in awaitWaiter
    try {
      while (time < targetMillis) {
        wait();
      }
    } finally {
      waitingFor.remove(target);
    }
    return time;
  }

  /**
   * Blocks until some thread waits in {@link #waitTillTime} for exactly {@code targetMillis}: then
   * whatever it does before that wait has happened, and nothing it does after will until the clock
   * gets there. Fails after {@code timeoutMillis} of real time.
   */
  public synchronized void awaitWaiter(long targetMillis, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!waitingFor.contains(targetMillis)) {
      long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
      if (remainingMs <= 0) {
        throw new IllegalStateException("No thread waited for " + targetMillis + " ms within " + timeoutMillis
            + " ms; waiting for " + waitingFor + " at " + time);
      }
      wait(remainingMs);
    }
  }

  /** The times threads are waiting for now. */
  public synchronized List<Long> waitingFor() {
    return List.copyOf(waitingFor);
  }
}
