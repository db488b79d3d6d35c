package io.sluice.internal.streaming.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.storage.BlockId;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import io.sluice.internal.util.ManualClock;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReceivedBlockTrackerTest {
  private final ManualClock wallClock = new ManualClock(1_000);
  private final FakeReceivedBlockLog blockLog = new FakeReceivedBlockLog();
  private final List<ReceivedBlockTracker> trackers = new ArrayList<>();
  private long nextBlockId;

  @AfterEach
  void closeTrackers() {
    blockLog.releaseHeldWrites();
    trackers.forEach(ReceivedBlockTracker::close);
  }

  private ReceivedBlockTracker tracker(ReceivedBlockLog log) {
    ReceivedBlockTracker tracker = new ReceivedBlockTracker(log, wallClock);
    trackers.add(tracker);
    return tracker;
  }

  private ReceivedBlockInfo block(int streamId, long records) {
    return new ReceivedBlockInfo(streamId, new BlockId.StreamBlock(streamId, nextBlockId++), records, "exec-1");
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyAddedBlockGoesIntoExactlyOneBatch() throws Exception {
    ReceivedBlockTracker tracker = tracker(null);
    ReceivedBlockInfo a = block(0, 3);
    ReceivedBlockInfo b = block(0, 4);
    ReceivedBlockInfo c = block(1, 5);
    for (ReceivedBlockInfo block : List.of(a, b, c)) {
      get(tracker.addBlock(block));
    }
    assertTrue(tracker.hasUnallocatedBlocks());
    assertEquals(12, tracker.unallocatedRecords());

    assertEquals(Map.of(0, List.of(a, b), 1, List.of(c)), get(tracker.allocateBlocksToBatch(new Time(1000))));
    assertFalse(tracker.hasUnallocatedBlocks());
    assertEquals(0, tracker.unallocatedRecords());

    ReceivedBlockInfo d = block(1, 1);
    get(tracker.addBlock(d));
    assertEquals(Map.of(1, List.of(d)), get(tracker.allocateBlocksToBatch(new Time(2000))));
    assertEquals(Map.of(0, List.of(a, b), 1, List.of(c)), get(tracker.allocateBlocksToBatch(new Time(1000))),
        "allocating a batch again gives the same blocks");
    assertEquals(Map.of(), get(tracker.allocateBlocksToBatch(new Time(3000))), "nothing new, an empty batch");
    assertEquals(Map.of(1, List.of(d)), tracker.batch(new Time(2000)));
    assertEquals(3, tracker.rememberedBatches());
  }

  @Test
  void addBlockIsAcknowledgedOnlyOnceItsAdditionIsLogged() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    blockLog.holdWrites(event -> event instanceof ReceivedBlockLog.BlockAdded);
    ReceivedBlockInfo a = block(0, 2);
    CompletableFuture<Void> ack = tracker.addBlock(a);
    blockLog.awaitHeldWrite();

    assertFalse(ack.isDone(), "no acknowledgement while the write is in progress");
    assertFalse(tracker.hasUnallocatedBlocks(), "a block not yet logged cannot go into a batch");
    blockLog.releaseHeldWrites();
    get(ack);
    assertEquals(List.of(new ReceivedBlockLog.BlockAdded(a)), blockLog.written);
    assertTrue(tracker.hasUnallocatedBlocks());

    assertEquals(Map.of(0, List.of(a)), get(tracker.allocateBlocksToBatch(new Time(1000))));
    assertEquals(new ReceivedBlockLog.BatchAllocated(1000, Map.of(0, List.of(a))), blockLog.written.get(1));
  }

  @Test
  void aSlowLogWriteDoesNotHoldUpAConcurrentAllocation() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    ReceivedBlockInfo logged = block(0, 1);
    get(tracker.addBlock(logged));
    blockLog.holdWrites(event -> event instanceof ReceivedBlockLog.BlockAdded);
    ReceivedBlockInfo slow = block(0, 1);
    CompletableFuture<Void> slowAck = tracker.addBlock(slow);
    blockLog.awaitHeldWrite();

    // The receiver's write is stuck in the log; the job generator still gets its batch at once.
    assertEquals(Map.of(0, List.of(logged)), get(tracker.allocateBlocksToBatch(new Time(1000))));
    assertFalse(slowAck.isDone());

    blockLog.releaseHeldWrites();
    get(slowAck);
    assertEquals(Map.of(0, List.of(slow)), get(tracker.allocateBlocksToBatch(new Time(2000))),
        "the slow block goes into the batch after its write");
  }

  @Test
  void oneReceiversSlowWriteDoesNotHoldUpAnothersAcknowledgement() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    ReceivedBlockInfo slow = block(0, 1);
    blockLog.holdWrites(event -> event.equals(new ReceivedBlockLog.BlockAdded(slow)));
    CompletableFuture<Void> slowAck = tracker.addBlock(slow);
    blockLog.awaitHeldWrite();

    ReceivedBlockInfo fast = block(1, 1);
    get(tracker.addBlock(fast));
    assertFalse(slowAck.isDone());
    assertEquals(Map.of(1, List.of(fast)), get(tracker.allocateBlocksToBatch(new Time(1000))));
    blockLog.releaseHeldWrites();
    get(slowAck);
  }

  @Test
  void aFailedAllocationWriteLeavesTheBlocksForTheNextBatch() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    ReceivedBlockInfo a = block(0, 1);
    get(tracker.addBlock(a));
    blockLog.failWrites(event -> event instanceof ReceivedBlockLog.BatchAllocated);

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> get(tracker.allocateBlocksToBatch(new Time(1000))));
    assertTrue(failure.getCause().getMessage().contains("batch at 1000 ms"), failure.getCause().getMessage());
    assertTrue(tracker.hasUnallocatedBlocks());
    assertEquals(0, tracker.rememberedBatches());

    blockLog.failWrites(event -> false);
    assertEquals(Map.of(0, List.of(a)), get(tracker.allocateBlocksToBatch(new Time(2000))));
  }

  @Test
  void cleanupForgetsOldBatchesAndCleansTheLogUpToTheNewestForgottenAllocation() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    for (long t = 1000; t <= 3000; t += 1000) {
      get(tracker.addBlock(block(0, 1)));
      wallClock.setTime(t + 10);
      get(tracker.allocateBlocksToBatch(new Time(t)));
    }

    get(tracker.cleanupBatchesUpTo(new Time(2000)));
    assertEquals(Map.of(), tracker.batch(new Time(1000)));
    assertEquals(Map.of(), tracker.batch(new Time(2000)));
    assertEquals(1, tracker.batch(new Time(3000)).get(0).size());
    assertEquals(1, tracker.rememberedBatches());
    assertEquals(List.of(2010L), blockLog.cleanThresholds, "files older than batch 2000's allocation go");
    assertEquals(new ReceivedBlockLog.BatchesCleaned(2000), blockLog.written.get(blockLog.written.size() - 1));

    get(tracker.cleanupBatchesUpTo(new Time(2000)));
    assertEquals(List.of(2010L), blockLog.cleanThresholds, "nothing more to clean");
  }

  @Test
  void cleaningABatchSparesTheLogOfABlockWhoseAdditionWasStillBeingWrittenWhenTheBatchWasTaken() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    ReceivedBlockInfo slow = block(0, 1);
    wallClock.setTime(1500);
    blockLog.holdWrites(event -> event instanceof ReceivedBlockLog.BlockAdded);
    CompletableFuture<Void> slowAck = tracker.addBlock(slow); // sent to the log at 1500, stuck there
    blockLog.awaitHeldWrite();
    wallClock.setTime(2010);
    assertEquals(Map.of(), get(tracker.allocateBlocksToBatch(new Time(2000))));
    blockLog.releaseHeldWrites();
    get(slowAck);
    wallClock.setTime(3010);
    assertEquals(Map.of(0, List.of(slow)), get(tracker.allocateBlocksToBatch(new Time(3000))));

    get(tracker.cleanupBatchesUpTo(new Time(2000)));
    assertEquals(List.of(1500L), blockLog.cleanThresholds,
        "batch 3000's block was logged after 1500: cleaning batch 2000 must not reach its file");
  }

  @Test
  void aBatchWhoseAllocationIsLoggedAfterItWasCleanedUpStaysForgotten() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    get(tracker.addBlock(block(0, 1)));
    blockLog.holdWrites(event -> event instanceof ReceivedBlockLog.BatchAllocated);
    CompletableFuture<Map<Integer, List<ReceivedBlockInfo>>> late = tracker.allocateBlocksToBatch(new Time(1000));
    blockLog.awaitHeldWrite();
    CompletableFuture<Void> cleanup = tracker.cleanupBatchesUpTo(new Time(1000));
    get(cleanup);
    blockLog.releaseHeldWrites();
    assertEquals(1, get(late).get(0).size(), "the caller still gets its blocks");
    assertEquals(0, tracker.rememberedBatches(), "but the tracker does not keep a batch it already forgot");
  }

  @Test
  void aRecoveredTrackerHasTheBatchesAndWaitingBlocksOfItsLog() throws Exception {
    ReceivedBlockTracker before = tracker(blockLog);
    ReceivedBlockInfo a = block(0, 1);
    ReceivedBlockInfo b = block(1, 2);
    ReceivedBlockInfo c = block(0, 3);
    ReceivedBlockInfo d = block(1, 4);
    get(before.addBlock(a));
    get(before.allocateBlocksToBatch(new Time(1000)));
    get(before.addBlock(b));
    get(before.allocateBlocksToBatch(new Time(2000)));
    get(before.addBlock(c));
    get(before.allocateBlocksToBatch(new Time(3000)));
    get(before.cleanupBatchesUpTo(new Time(1000)));
    get(before.addBlock(d));
    before.close();

    ReceivedBlockTracker after = tracker(blockLog);
    get(after.recoverFromLog());
    assertEquals(Map.of(), after.batch(new Time(1000)), "cleaned before the failure");
    assertEquals(Map.of(1, List.of(b)), after.batch(new Time(2000)));
    assertEquals(2, after.rememberedBatches());
    assertEquals(4, after.unallocatedRecords());
    assertEquals(Map.of(0, List.of(c)), get(after.allocateBlocksToBatch(new Time(3000))),
        "a pending batch regenerated after recovery gets exactly its blocks again");
    assertEquals(Map.of(1, List.of(d)), get(after.allocateBlocksToBatch(new Time(4000))));
  }

  @Test
  void aClosedTrackerFailsRequestsInsteadOfLeavingThemWaiting() throws Exception {
    ReceivedBlockTracker tracker = tracker(blockLog);
    tracker.close();
    ExecutionException failure = assertThrows(ExecutionException.class, () -> get(tracker.addBlock(block(0, 1))));
    assertInstanceOf(io.sluice.core.SluiceException.class, failure.getCause());
  }
}
