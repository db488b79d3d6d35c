package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.scheduler.StreamingListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers listener events in order on one thread, so listeners never slow down batch scheduling
 * and never see events concurrently. A listener that throws is logged and keeps receiving events.
 */
public final class StreamingListenerBus {
  private static final Logger log = LoggerFactory.getLogger(StreamingListenerBus.class);
  private static final ListenerEvent STOP = new ListenerEvent.StreamingStarted(-1);

  private final List<StreamingListener> listeners = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<ListenerEvent> queue = new LinkedBlockingQueue<>();
  private final Thread thread = new Thread(this::run, "sluice-streaming-listener-bus");
  private volatile boolean started;
  private volatile boolean stopped;
  private long posted;
  private long delivered;

  public StreamingListenerBus() {
    thread.setDaemon(true);
  }

  public void addListener(StreamingListener listener) {
    listeners.add(listener);
  }

  public void start() {
    started = true;
    thread.start();
  }

  public synchronized void post(ListenerEvent event) {
    if (stopped) {
      return;
    }
    posted++;
    queue.add(event);
  }

  /** Waits until every event posted so far was delivered; false on timeout. */
  public boolean waitUntilEmpty(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (this) {
      while (delivered < posted) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.isAlive() && started) {
          return delivered >= posted;
        }
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
    return true;
  }

  /** Delivers what is queued, then stops. */
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      queue.add(STOP);
    }
    if (started && Thread.currentThread() != thread) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    while (true) {
      ListenerEvent event;
      try {
        event = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (event == STOP) {
        return;
      }
      for (StreamingListener listener : listeners) {
        try {
          event.deliverTo(listener);
        } catch (Throwable t) {
          log.error("Streaming listener {} failed on {}", listener.getClass().getName(), event, t);
        }
      }
      synchronized (this) {
        delivered++;
        notifyAll();
      }
    }
  }
}
