package io.sluice.internal.util;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that owns some state and handles events posted to it one at a time, in order. Anyone
 * may post; only the loop thread touches the state. An error in a handler goes to {@code onError}.
 */
public final class EventLoop<E> {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

  private final String name;
  private final Consumer<E> handler;
  private final Consumer<Throwable> onError;
  private final BlockingQueue<E> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean stopped;

  public EventLoop(String name, Consumer<E> handler, Consumer<Throwable> onError) {
    this.name = name;
    this.handler = handler;
    this.onError = onError;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public void post(E event) {
    if (stopped) {
      log.debug("{} is stopped; dropping {}", name, event);
      return;
    }
    queue.add(event);
  }

  public boolean isLoopThread() {
    return Thread.currentThread() == thread;
  }

  /** Stops after the event being handled; events still queued are dropped. */
  public void stop() {
    stopped = true;
    thread.interrupt();
    if (!isLoopThread()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    while (!stopped) {
      E event;
      try {
        event = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      try {
        handler.accept(event);
      } catch (Throwable t) {
        onError.accept(t);
      }
    }
  }
}
