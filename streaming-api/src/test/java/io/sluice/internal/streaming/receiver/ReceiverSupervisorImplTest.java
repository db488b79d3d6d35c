package io.sluice.internal.streaming.receiver;

import static io.sluice.internal.streaming.receiver.ReceiverTestEnv.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.StorageLevel;
import io.sluice.streaming.receiver.Receiver;
import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverSupervisorImplTest {
  @TempDir
  File localDir;
  private ReceiverTestEnv test;

  /** Counts its lifecycle calls; onStart fails the first {@code failures} times. */
  static final class CountingReceiver extends Receiver<Object> {
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    final List<Long> startNanos = new CopyOnWriteArrayList<>();
    final List<Long> stopNanos = new CopyOnWriteArrayList<>();
    /** When set, onStop waits for it: keeps a restart in progress for as long as a test needs. */
    volatile CountDownLatch holdOnStop;
    private final int failures;

    CountingReceiver(int failures) {
      super(StorageLevel.MEMORY_AND_DISK_SER_2);
      this.failures = failures;
    }

    @Override
    public void onStart() {
      startNanos.add(System.nanoTime());
      if (starts.incrementAndGet() <= failures) {
        throw new IllegalStateException("boom " + starts.get());
      }
    }

    @Override
    public void onStop() {
      stopNanos.add(System.nanoTime());
      stops.incrementAndGet();
      CountDownLatch hold = holdOnStop;
      if (hold != null) {
        try {
          hold.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Milliseconds between the last onStop and the following onStart. */
    long lastGapMs() {
      long start = startNanos.get(startNanos.size() - 1);
      long stop = stopNanos.get(stopNanos.size() - 1);
      return TimeUnit.NANOSECONDS.toMillis(start - stop);
    }
  }

  private ReceiverTestEnv env(SluiceConf conf) {
    test = new ReceiverTestEnv(conf, localDir);
    return test;
  }

  @AfterEach
  void tearDown() {
    if (test != null) {
      test.close();
    }
  }

  @Test
  void restartDelayDoublesWhileNothingIsStoredAndResetsOnceDataArrives() throws InterruptedException {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf());
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    // The supervisor reports STARTED just before it calls onStart: wait for the call too, or the first
    // start may be counted after startsBefore was read below.
    await("first start", () -> receiver.starts.get() == 1 && supervisor.isReceiverStarted());

    long[] expected = {50, 100, 200, 200};
    for (int i = 0; i < expected.length; i++) {
      int startsBefore = receiver.starts.get();
      receiver.restart("flaky source " + i);
      await("restart " + i, () -> receiver.starts.get() == startsBefore + 1 && supervisor.isReceiverStarted());
      assertEquals(expected[i], supervisor.lastRestartDelayMs());
      assertTrue(receiver.lastGapMs() >= expected[i] - 5, "waited " + receiver.lastGapMs() + " ms");
    }

    receiver.store("data");
    receiver.restart("after data");
    await("restart after data", () -> receiver.starts.get() == 6 && supervisor.isReceiverStarted());
    assertEquals(50, supervisor.lastRestartDelayMs());

    receiver.restart("no data again");
    await("restart without data", () -> receiver.starts.get() == 7 && supervisor.isReceiverStarted());
    assertEquals(100, supervisor.lastRestartDelayMs());

    t.tracker.control().stop("done");
    t.awaitTaskEnd();
    assertEquals(7, receiver.stops.get(), "one onStop per start");
    assertEquals(List.of("flaky source 0", "flaky source 1", "flaky source 2", "flaky source 3", "after data",
        "no data again"), t.tracker.errors.stream().map(RecordingTracker.Report::message).collect(Collectors.toList()));
    assertEquals(List.of("data"), t.storedRecords());
    assertEquals(1, t.tracker.deregistrations.size());
    assertEquals("Stopped by driver: done", t.tracker.deregistrations.get(0).message());
    assertTrue(supervisor.isReceiverStopped());
    assertTrue(receiver.isStopped());
  }

  @Test
  void aStopDuringTheRestartDelayWins() throws InterruptedException {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf().set("sluice.streaming.receiverRestartDelay", "30000"));
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    await("start", supervisor::isReceiverStarted);

    receiver.restart("connection lost");
    await("the restart's onStop", () -> receiver.stops.get() == 1);
    assertFalse(supervisor.isReceiverStarted());
    long stopAt = System.nanoTime();
    t.tracker.control().stop("shutting down");
    t.awaitTaskEnd();

    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt) < 5_000, "stop cut the delay short");
    assertEquals(1, receiver.starts.get(), "never started again");
    assertEquals(1, receiver.stops.get(), "onStop not called twice");
    assertTrue(supervisor.isReceiverStopped());
    assertEquals(1, t.tracker.deregistrations.size());
  }

  @Test
  void concurrentRestartRequestsMakeOneRestart() throws InterruptedException {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf());
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    await("start", supervisor::isReceiverStarted);

    // The first restart stays inside onStop until every request has been made.
    CountDownLatch release = new CountDownLatch(1);
    receiver.holdOnStop = release;
    List<Thread> threads = IntStream.range(0, 4)
        .mapToObj(i -> new Thread(() -> receiver.restart("from thread " + i)))
        .collect(Collectors.toList());
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    receiver.holdOnStop = null;
    release.countDown();

    await("restart", () -> receiver.starts.get() == 2 && supervisor.isReceiverStarted());
    Thread.sleep(150); // longer than a second restart would take (50 ms delay)
    assertEquals(2, receiver.starts.get());
    assertEquals(1, receiver.stops.get());
    assertEquals(1, t.tracker.errors.size());
  }

  @Test
  void anExceptionFromOnStartRestartsWithThatError() throws InterruptedException {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf());
    CountingReceiver receiver = new CountingReceiver(2);
    ReceiverSupervisorImpl supervisor = t.run(receiver);

    await("third, successful start", () -> receiver.starts.get() == 3 && supervisor.isReceiverStarted());
    assertEquals(2, receiver.stops.get(), "onStop cleans up after each failed onStart");
    assertEquals(2, t.tracker.errors.size());
    RecordingTracker.Report first = t.tracker.errors.get(0);
    assertEquals(0, first.streamId());
    assertEquals("Error starting receiver 0", first.message());
    assertTrue(first.error().contains("IllegalStateException: boom 1"), first.error());
    assertTrue(t.tracker.errors.get(1).error().contains("boom 2"));
    assertEquals(100, supervisor.lastRestartDelayMs(), "second consecutive failure doubles the delay");
    assertTrue(t.tracker.deregistrations.isEmpty());

    receiver.stop("enough", new IllegalArgumentException("bad config"));
    t.awaitTaskEnd();
    RecordingTracker.Report stop = t.tracker.deregistrations.get(0);
    assertEquals("enough", stop.message());
    assertTrue(stop.error().contains("bad config"));
  }

  @Test
  void pushIteratorReturnsOnceTheBlockIsStoredAndReported() {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf().set("sluice.streaming.blockInterval", "3600000"));
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    await("start", supervisor::isReceiverStarted);

    receiver.store(List.<Object>of(1, 2, 3));
    assertEquals(1, t.tracker.blocks.size());
    ReceivedBlockInfo block = t.tracker.blocks.get(0);
    assertEquals(0, block.streamId());
    assertEquals(3, block.numRecords());
    assertEquals("exec-1", block.executorId());
    assertTrue(t.blockManager.contains(block.blockId()));
    assertEquals(List.of(1, 2, 3), t.storedRecords());

    receiver.store(List.<Object>of()); // nothing to store, no empty block
    assertEquals(1, t.tracker.blocks.size());
  }

  @Test
  void stoppingFlushesBufferedRecordsAfterOnStop() throws InterruptedException {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf().set("sluice.streaming.blockInterval", "3600000"));
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    await("start", supervisor::isReceiverStarted);

    IntStream.range(0, 1000).forEach(receiver::store);
    assertTrue(t.tracker.blocks.isEmpty(), "still buffered: the block interval is an hour");
    receiver.stop("source finished");
    t.awaitTaskEnd();

    assertEquals(IntStream.range(0, 1000).boxed().collect(Collectors.toList()), t.storedRecords());
    assertEquals(1, receiver.stops.get());
    RecordingTracker.Report stop = t.tracker.deregistrations.get(0);
    assertEquals("source finished", stop.message());
    assertNull(stop.error());
  }

  @Test
  void aRefusedRegistrationNeverStartsTheReceiver() throws InterruptedException {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf());
    t.tracker.refuseRegistrations();
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    t.awaitTaskEnd();

    assertEquals(0, receiver.starts.get());
    assertTrue(supervisor.isReceiverStopped());
    assertEquals(1, t.tracker.registrations.size());
    assertEquals("CountingReceiver", t.tracker.registrations.get(0).name());
    assertTrue(t.tracker.deregistrations.isEmpty());
  }

  @Test
  void interruptingTheTaskThreadStopsTheReceiver() throws InterruptedException {
    ReceiverTestEnv t = env(ReceiverTestEnv.fastConf());
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    await("start", supervisor::isReceiverStarted);

    t.taskThread().interrupt();
    t.awaitTaskEnd();
    assertEquals(1, receiver.stops.get());
    assertTrue(t.tracker.deregistrations.get(0).message().contains("interrupted"));
  }
}
