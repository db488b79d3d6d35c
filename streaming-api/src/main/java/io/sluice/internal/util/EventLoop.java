package io.sluice.internal.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that owns some state and handles events posted to it one at a time, in order. Anyone
 * may post; only the loop thread touches the state. An error in a handler goes to {@code onError}.
 *
 * <p>The loop thread is never interrupted: handlers write the write-ahead log and checkpoints to
 * HDFS, and an interrupt in the middle of such a write closes the stream under it
 * (ClosedByInterruptException) and loses the write. Stopping instead wakes the loop with a marker.
 */
public final class EventLoop<E> {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
  private static final Object WAKE_UP = new Object();
  private static final long SLOW_STOP_WARNING_MS = 10_000;

  private final String name;
  private final Consumer<E> handler;
  private final Consumer<Throwable> onError;
  private final Consumer<E> onDropped;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean stopped;

  public EventLoop(String name, Consumer<E> handler, Consumer<Throwable> onError) {
    this(name, handler, onError, event -> log.debug("{} is stopped; dropping {}", name, event));
  }

  /** @param onDropped gets every event posted too late to be handled, e.g. to fail whoever waits for it */
  public EventLoop(String name, Consumer<E> handler, Consumer<Throwable> onError, Consumer<E> onDropped) {
    this.name = name;
    this.handler = handler;
    this.onError = onError;
    this.onDropped = onDropped;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public void post(E event) {
    if (stopped) {
      onDropped.accept(event);
      return;
    }
    queue.add(event);
    if (stopped) {
      dropQueued(); // stop() came between the check and the add: nobody would take the event
    }
  }

  public boolean isLoopThread() {
    return Thread.currentThread() == thread;
  }

  /**
   * Stops after the event being handled, which runs to its end uninterrupted; events still queued
   * are dropped. Waits for the loop thread to end unless called from it.
   */
  public void stop() {
    stopped = true;
    queue.add(WAKE_UP);
    if (isLoopThread() || !thread.isAlive()) {
      dropQueued();
      return;
    }
    boolean interrupted = false;
    long waitedMs = 0;
    while (thread.isAlive()) {
      try {
        thread.join(SLOW_STOP_WARNING_MS);
      } catch (InterruptedException e) {
        interrupted = true; // the in-flight event must still finish; remember and keep waiting
        continue;
      }
      if (thread.isAlive()) {
        waitedMs += SLOW_STOP_WARNING_MS;
        log.warn("{}: still waiting after {} s for the event in progress to finish", name,
            TimeUnit.MILLISECONDS.toSeconds(waitedMs));
      }
    }
    dropQueued();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  private void run() {
    while (!stopped) {
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        log.warn("{} was interrupted; it ignores interrupts and stops only through stop()", name);
        continue;
      }
      if (next == WAKE_UP) {
        continue;
      }
      if (stopped) {
        onDropped.accept((E) next); // taken after stop(): report it like the queued ones, or its waiter hangs
        continue;
      }
      try {
        handler.accept((E) next);
      } catch (Throwable t) {
        onError.accept(t);
      }
      Thread.interrupted(); // an interrupt a handler left behind was about its own work, not the loop
    }
    dropQueued();
  }

  @SuppressWarnings("unchecked")
  private void dropQueued() {
    List<Object> left = new ArrayList<>();
    queue.drainTo(left);
    for (Object event : left) {
      if (event != WAKE_UP) {
        onDropped.accept((E) event);
      }
    }
  }
}
