package io.sluice.internal.streaming.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An in-memory received-block log for tests: keeps what is written (a new tracker over the same
 * fake replays it), records cleanups, and can hold chosen writes (a slow HDFS) or fail them.
 */
final class FakeReceivedBlockLog implements ReceivedBlockLog {
  final List<Event> written = new CopyOnWriteArrayList<>();
  final List<Long> cleanThresholds = new CopyOnWriteArrayList<>();
  private final Semaphore heldWrites = new Semaphore(0);
  private volatile Predicate<Event> hold = event -> false;
  private volatile Predicate<Event> fail = event -> false;
  private volatile CountDownLatch release = new CountDownLatch(0);

  /** Writes of matching events wait in {@link #write} until {@link #releaseHeldWrites}. */
  void holdWrites(Predicate<Event> which) {
    release = new CountDownLatch(1);
    hold = which;
  }

  void releaseHeldWrites() {
    hold = event -> false;
    release.countDown();
  }

  /** Waits until a held write has started (and is waiting). */
  void awaitHeldWrite() throws InterruptedException {
    assertTrue(heldWrites.tryAcquire(10, TimeUnit.SECONDS), "no held write started");
  }

  /** Writes of matching events throw, as a failing file system would. */
  void failWrites(Predicate<Event> which) {
    fail = which;
  }

  @Override
  public void write(Event event) {
    if (fail.test(event)) {
      throw new IllegalStateException("the file system is gone");
    }
    if (hold.test(event)) {
      heldWrites.release();
      boolean released = false;
      while (!released) {
        try {
          released = release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new AssertionError("a log write was interrupted", e);
        }
      }
    }
    written.add(event);
  }

  @Override
  public List<Event> readAll() {
    return List.copyOf(written);
  }

  @Override
  public void clean(long wallTimeMs) {
    cleanThresholds.add(wallTimeMs);
  }

  @Override
  public void close() {}
}
