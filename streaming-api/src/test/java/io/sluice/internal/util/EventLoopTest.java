package io.sluice.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventLoopTest {

  @SuppressWarnings({"unchecked", "rawtypes"}) // a one-element array lets the handler reach its own loop
  @Test
  void handlesEventsInOrderOnItsThread() throws InterruptedException {
    List<Integer> handled = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    EventLoop<Integer>[] loop = new EventLoop[1];
    AtomicBoolean onLoopThread = new AtomicBoolean(true);
    loop[0] = new EventLoop<>("test-loop", event -> {
      onLoopThread.compareAndSet(true, loop[0].isLoopThread());
      handled.add(event);
      done.countDown();
    }, t -> {});
    loop[0].start();
    List.of(1, 2, 3).forEach(loop[0]::post);
    assertTrue(done.await(10, TimeUnit.SECONDS));
    loop[0].stop();
    assertEquals(List.of(1, 2, 3), handled);
    assertTrue(onLoopThread.get());
  }

  @Test
  void stopLetsTheEventInProgressFinishUninterruptedAndDropsTheQueuedOnes() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    List<String> handled = new CopyOnWriteArrayList<>();
    List<String> dropped = new CopyOnWriteArrayList<>();
    EventLoop<String> loop = new EventLoop<>("test-loop", event -> {
      handled.add(event);
      if (event.equals("slow write")) {
        entered.countDown();
        // Stands for an HDFS write: an interrupt here would close the stream under it.
        boolean awaited = false;
        while (!awaited) {
          try {
            awaited = release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
        }
        interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
        finished.set(true);
      }
    }, t -> {}, dropped::add);
    loop.start();
    loop.post("slow write");
    loop.post("queued");
    assertTrue(entered.await(10, TimeUnit.SECONDS));

    Thread stopper = new Thread(loop::stop);
    stopper.start();
    stopper.join(200);
    assertTrue(stopper.isAlive(), "stop waits for the event in progress");
    assertFalse(finished.get());
    release.countDown();
    stopper.join(10_000);

    assertFalse(stopper.isAlive());
    assertTrue(finished.get(), "the event in progress ran to its end");
    assertFalse(interrupted.get(), "the handler was never interrupted");
    assertEquals(List.of("slow write"), handled);
    assertEquals(List.of("queued"), dropped);
    loop.post("too late");
    assertEquals(List.of("queued", "too late"), dropped);
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a one-element array lets the handler reach its own loop
  @Test
  void stopFromTheHandlerEndsTheLoopAfterThatEvent() throws InterruptedException {
    List<String> handled = new CopyOnWriteArrayList<>();
    CountDownLatch stoppedItself = new CountDownLatch(1);
    EventLoop<String>[] loop = new EventLoop[1];
    loop[0] = new EventLoop<>("test-loop", event -> {
      handled.add(event);
      if (event.equals("stop")) {
        loop[0].stop();
        stoppedItself.countDown();
      }
    }, t -> {});
    loop[0].post("first");
    loop[0].post("stop");
    loop[0].post("after");
    loop[0].start();
    assertTrue(stoppedItself.await(10, TimeUnit.SECONDS));
    loop[0].stop();
    assertEquals(List.of("first", "stop"), handled);
  }

  @Test
  void aFailingHandlerReportsAndTheLoopGoesOn() throws InterruptedException {
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    CountDownLatch second = new CountDownLatch(1);
    EventLoop<String> loop = new EventLoop<>("test-loop", event -> {
      if (event.equals("bad")) {
        throw new IllegalStateException("bad event");
      }
      second.countDown();
    }, errors::add);
    loop.start();
    loop.post("bad");
    loop.post("good");
    assertTrue(second.await(10, TimeUnit.SECONDS));
    loop.stop();
    assertEquals(1, errors.size());
  }
}
