package io.sluice.internal.streaming.receiver;

import static io.sluice.internal.streaming.receiver.ReceiverTestEnv.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.StorageLevel;
import io.sluice.internal.util.ManualClock;
import io.sluice.streaming.receiver.Receiver;
import java.io.File;
import java.util.List;
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
    private static final long serialVersionUID = 1L;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    /** When set, onStop waits for it: keeps a restart in progress for as long as a test needs. */
    volatile CountDownLatch holdOnStop;
    private final int failures;

    CountingReceiver(int failures) {
      super(StorageLevel.MEMORY_AND_DISK_SER_2);
      this.failures = failures;
    }

    @Override
    public void onStart() {
      if (starts.incrementAndGet() <= failures) {
        throw new IllegalStateException("boom " + starts.get());
      }
    }

    @Override
    public void onStop() {
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
  }

  private static final long WAIT_MS = 10_000;
  private final ManualClock clock = new ManualClock();

  private ReceiverTestEnv env(SluiceConf conf) {
    test = new ReceiverTestEnv(conf, localDir, clock);
    return test;
  }

  /** Restart delays of 50 ms doubling up to 200 ms; blocks only when stopping (the interval is an hour). */
  private static SluiceConf manualConf() {
    return ReceiverTestEnv.fastConf().set("sluice.streaming.blockInterval", "3600000");
  }

  /**
   * Asks for a restart and checks it waits exactly {@code expectedDelayMs} on the clock: the
   * restarter waits for that time, the receiver stays down one millisecond short of it, and
   * starts again once the clock gets there.
   */
  private void restartAfterExactly(long expectedDelayMs, String reason, CountingReceiver receiver,
                                   ReceiverSupervisorImpl supervisor) throws InterruptedException {
    int startsBefore = receiver.starts.get();
    long restartAt = clock.currentTimeMillis() + expectedDelayMs;
    receiver.restart(reason);
    clock.awaitWaiter(restartAt, WAIT_MS);
    assertEquals(expectedDelayMs, supervisor.lastRestartDelayMs());
    clock.advance(expectedDelayMs - 1);
    clock.awaitWaiter(restartAt, WAIT_MS);
    assertEquals(startsBefore, receiver.starts.get(), "not started again before the delay elapsed");
    assertFalse(supervisor.isReceiverStarted());
    clock.advance(1);
    await("the restart after " + expectedDelayMs + " ms",
        () -> receiver.starts.get() == startsBefore + 1 && supervisor.isReceiverStarted());
  }

  @AfterEach
  void tearDown() {
    if (test != null) {
      test.close();
    }
  }

  @Test
  void restartDelayDoublesWhileNothingIsStoredAndResetsOnceDataArrives() throws InterruptedException {
    ReceiverTestEnv t = env(manualConf());
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    // STARTED comes just before onStart: wait for the call itself too.
    await("first start", () -> receiver.starts.get() == 1 && supervisor.isReceiverStarted());

    long[] expected = {50, 100, 200, 200};
    for (int i = 0; i < expected.length; i++) {
      restartAfterExactly(expected[i], "flaky source " + i, receiver, supervisor);
    }

    receiver.store("data");
    restartAfterExactly(50, "after data", receiver, supervisor);
    restartAfterExactly(100, "no data again", receiver, supervisor);
    assertEquals(7, receiver.starts.get());

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
    ReceiverTestEnv t = env(manualConf().set("sluice.streaming.receiverRestartDelay", "30000"));
    CountingReceiver receiver = new CountingReceiver(0);
    ReceiverSupervisorImpl supervisor = t.run(receiver);
    await("start", supervisor::isReceiverStarted);

    receiver.restart("connection lost");
    clock.awaitWaiter(30_000, WAIT_MS);
    assertEquals(1, receiver.stops.get(), "the restart's onStop ran before the delay");
    assertFalse(supervisor.isReceiverStarted());
    t.tracker.control().stop("shutting down");
    t.awaitTaskEnd(); // the clock never moves: only the stop can have ended the delay

    assertEquals(0, clock.currentTimeMillis());
    assertEquals(1, receiver.starts.get(), "never started again");
    assertEquals(1, receiver.stops.get(), "onStop not called twice");
    assertTrue(supervisor.isReceiverStopped());
    assertEquals(1, t.tracker.deregistrations.size());
  }

  @Test
  void concurrentRestartRequestsMakeOneRestart() throws InterruptedException {
    ReceiverTestEnv t = env(manualConf());
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
    await("the restart's onStop", () -> receiver.stops.get() == 1);
    // The restart reported its error before onStop; the other requests were refused on the spot.
    assertEquals(1, t.tracker.errors.size());
    receiver.holdOnStop = null;
    release.countDown();

    clock.awaitWaiter(50, WAIT_MS);
    clock.advance(50);
    await("restart", () -> receiver.starts.get() == 2 && supervisor.isReceiverStarted());
    assertEquals(List.of(3_600_000L), clock.waitingFor(), "only the block timer waits: no second restart");
    assertEquals(2, receiver.starts.get());
    assertEquals(1, receiver.stops.get());
    assertEquals(1, t.tracker.errors.size());
  }

  @Test
  void anExceptionFromOnStartRestartsWithThatError() throws InterruptedException {
    ReceiverTestEnv t = env(manualConf());
    CountingReceiver receiver = new CountingReceiver(2);
    ReceiverSupervisorImpl supervisor = t.run(receiver);

    clock.awaitWaiter(50, WAIT_MS); // after the first failed start
    clock.advance(50);
    clock.awaitWaiter(150, WAIT_MS); // the second failure doubles the delay
    assertEquals(2, receiver.starts.get());
    clock.advance(100);
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
