package io.sluice.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

  @Test
  void runsTasksOneAtATimeInOrderOnAWidePool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      SerialExecutor lane = new SerialExecutor(pool);
      List<Integer> seen = new ArrayList<>(); // deliberately unsynchronized: the lane must serialize
      AtomicInteger running = new AtomicInteger();
      AtomicInteger maxRunning = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(1000);
      for (int i = 0; i < 1000; i++) {
        int n = i;
        lane.execute(() -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          seen.add(n);
          running.decrementAndGet();
          done.countDown();
        });
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertEquals(1, maxRunning.get());
      for (int i = 0; i < 1000; i++) {
        assertEquals(i, seen.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheLane() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      SerialExecutor lane = new SerialExecutor(pool);
      CountDownLatch after = new CountDownLatch(1);
      lane.execute(() -> {
        throw new IllegalStateException("expected in this test");
      });
      lane.execute(after::countDown);
      assertTrue(after.await(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }
}
