package io.sluice.internal.streaming.receiver;

import static io.sluice.internal.streaming.receiver.ReceiverTestEnv.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.util.ManualClock;
import io.sluice.internal.wal.WalSegment;
import io.sluice.streaming.receiver.Receiver;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver whose blocks cannot be stored for a while (the write-ahead log's file system full or
 * unwritable): every failed attempt reaches the driver as a receiver error, nothing is reported as
 * stored that was not, the receiver is held back instead of dropping records, and once storing works
 * again every record arrives exactly once. On a manual clock: the test moves time through the retries.
 */
class StoreOutageTest {
  private static final long WAIT_MS = 10_000;
  private static final long BLOCK_INTERVAL_MS = 20;

  @TempDir
  File localDir;
  private final ManualClock clock = new ManualClock(0);
  private ReceiverTestEnv test;

  /** Stores like the real one while {@code failing} is off; throws as an unwritable log does while on. */
  private static final class FlakyStorer implements BlockStorer {
    private final BlockStorer real;
    final AtomicInteger failures = new AtomicInteger();
    volatile boolean failing = true;

    FlakyStorer(BlockStorer real) {
      this.real = real;
    }

    @Override
    public Optional<WalSegment> store(BlockId.StreamBlock id, List<?> records, StorageLevel level) {
      if (failing) {
        failures.incrementAndGet();
        throw new SluiceException("Cannot write to write-ahead log file /ckpt/receivedData/0/log-1: No space left");
      }
      return real.store(id, records, level);
    }
  }

  /** Stores 1, 2, 3, ... one record at a time from its own thread until it is stopped. */
  static final class CountingUpReceiver extends Receiver<Integer> {
    private static final long serialVersionUID = 1L;
    volatile int stored;
    transient volatile Thread feeder;

    CountingUpReceiver() {
      super(StorageLevel.MEMORY_ONLY_SER);
    }

    @Override
    public void onStart() {
      feeder = new Thread(() -> {
        for (int i = 1; !isStopped(); i++) {
          try {
            store(i);
          } catch (RuntimeException stopped) {
            return;
          }
          stored = i;
        }
      }, "test-feeder");
      feeder.setDaemon(true);
      feeder.start();
    }

    @Override
    public void onStop() {}
  }

  @AfterEach
  void close() {
    if (test != null) {
      test.close();
    }
  }

  @Test
  void blocksAreRetriedWhileTheStoreFailsAndEveryRecordArrivesOnceItWorksAgain() throws Exception {
    test = new ReceiverTestEnv(ReceiverTestEnv.fastConf()
        .set("sluice.streaming.blockInterval", String.valueOf(BLOCK_INTERVAL_MS))
        .set("sluice.streaming.blockQueueSize", "2"), localDir, clock);
    FlakyStorer storer = new FlakyStorer(new LocalBlockStorer(test.blockManager,
        io.sluice.internal.storage.BlockTransfer.local(test.blockManager)));
    CountingUpReceiver receiver = new CountingUpReceiver();
    ReceiverSupervisorImpl supervisor = new ReceiverSupervisorImpl(receiver, 0, test.env, storer, clock);
    Thread task = new Thread(supervisor::runUntilStopped, "test-receiver-task");
    task.setDaemon(true);
    task.start();

    // The first block fails to store, and is retried after 100, 200, 400 ms of the clock.
    clock.awaitWaiter(BLOCK_INTERVAL_MS, WAIT_MS);
    await("the receiver storing", () -> receiver.stored > 0);
    clock.advance(BLOCK_INTERVAL_MS);
    long delay = ReceivedBlockHandler.FIRST_RETRY_DELAY_MS;
    for (int attempt = 1; attempt <= 3; attempt++) {
      int expectedFailures = attempt;
      await("store attempt " + attempt, () -> storer.failures.get() == expectedFailures
          && test.tracker.errors.size() >= expectedFailures);
      clock.advance(delay);
      delay *= 2;
    }
    await("store attempt 4", () -> storer.failures.get() == 4);
    assertTrue(test.tracker.blocks.isEmpty(), "no block is reported stored while storing fails");
    RecordingTracker.Report error = test.tracker.errors.get(0);
    assertTrue(error.message().contains("Could not store block")
        && error.message().contains("attempt 1; retrying in 100 ms"), error.message());
    assertTrue(error.error().contains("No space left"), error.error());
    // A few more block intervals fill the block queue (2); the generator then waits to hand over the
    // next block, holding its buffer: the receiver's store() waits too, instead of taking more records
    // it could not keep.
    for (int tick = 0; tick < 4; tick++) {
      clock.advance(BLOCK_INTERVAL_MS);
      Thread.sleep(50);
    }
    int heldAt = receiver.stored;
    Thread.sleep(200);
    assertEquals(heldAt, receiver.stored, "the receiver is held back while storing fails");

    storer.failing = false;
    // Time moves on (the pending retry, then block intervals) until the receiver got well past that point.
    await("the receiver storing again", () -> {
      clock.advance(BLOCK_INTERVAL_MS);
      return receiver.stored > heldAt + 10_000;
    });
    test.tracker.control().stop("test over");
    task.join(WAIT_MS);
    assertFalse(task.isAlive(), "runUntilStopped did not return");
    receiver.feeder.join(WAIT_MS);
    assertFalse(receiver.feeder.isAlive());

    List<Object> expected = new ArrayList<>(IntStream.rangeClosed(1, receiver.stored).boxed().toList());
    assertEquals(expected, test.storedRecords(), "every record once, in order");
    assertFalse(test.tracker.errors.stream().anyMatch(r -> r.message().startsWith("Lost block")),
        "no block was given up");
  }

  @Test
  void aStoreOfAListFailsItsCallerAtOnceSoTheSourceIsNotAcknowledged() throws Exception {
    test = new ReceiverTestEnv(ReceiverTestEnv.fastConf(), localDir, clock);
    FlakyStorer storer = new FlakyStorer(new LocalBlockStorer(test.blockManager,
        io.sluice.internal.storage.BlockTransfer.local(test.blockManager)));
    ReceivedBlockHandler handler = new ReceivedBlockHandler(0, "exec-1", StorageLevel.MEMORY_ONLY_SER, test.conf,
        clock, storer, test.tracker, (message, error) -> { });
    SluiceException e = assertThrows(SluiceException.class, () -> handler.storeRecords(List.of(1, 2, 3).iterator()));
    assertTrue(e.getMessage().contains("Could not store block"), e.getMessage());
    assertTrue(test.tracker.blocks.isEmpty());
    storer.failing = false;
    handler.storeRecords(List.of(1, 2, 3).iterator());
    assertEquals(3, test.tracker.numRecords());
  }

  /**
   * A write-ahead log that hangs instead of failing (HDFS slower than sluice.network.timeout): the
   * store is reported as an error once the timeout passes, nothing is reported stored meanwhile, and
   * once the write completes the block arrives whole. The watch runs in real time: 300 ms here.
   */
  @Test
  void aStoreThatHangsPastTheNetworkTimeoutIsReportedAndCompletesWithoutLoss() throws Exception {
    test = new ReceiverTestEnv(ReceiverTestEnv.fastConf().set("sluice.network.timeout", "300ms"), localDir, clock);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    BlockStorer real = new LocalBlockStorer(test.blockManager,
        io.sluice.internal.storage.BlockTransfer.local(test.blockManager));
    BlockStorer hanging = (id, records, level) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return real.store(id, records, level);
    };
    List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    ReceivedBlockHandler handler = new ReceivedBlockHandler(0, "exec-1", StorageLevel.MEMORY_ONLY_SER, test.conf,
        clock, hanging, test.tracker, (message, error) -> errors.add(message));
    Thread storing = new Thread(() -> handler.storeRecords(List.of(1, 2, 3).iterator()), "test-store");
    storing.start();

    await("the slow store reported", () -> !errors.isEmpty());
    assertTrue(errors.get(0).contains("has taken longer than sluice.network.timeout (300 ms)"), errors.get(0));
    assertTrue(test.tracker.blocks.isEmpty(), "no block is reported stored before its write completes");
    release.countDown();
    storing.join(WAIT_MS);
    assertFalse(storing.isAlive());
    assertEquals(3, test.tracker.numRecords());
    assertEquals(1, errors.size(), "one report per slow store: " + errors);
  }
}
