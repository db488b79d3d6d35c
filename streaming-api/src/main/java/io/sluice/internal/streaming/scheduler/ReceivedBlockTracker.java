package io.sluice.internal.streaming.scheduler;

import io.sluice.core.SluiceException;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import io.sluice.internal.util.Clock;
import io.sluice.internal.util.DaemonThreads;
import io.sluice.internal.util.EventLoop;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which blocks receivers stored and which batch each went into. One event loop owns this state:
 * block additions, batch allocations and cleanups are events on it, and callers get a future.
 *
 * <p>Log writes run on an I/O pool and report back to the loop, so neither the loop nor anyone
 * waiting on it waits for HDFS, and no lock is held across a write. A change is applied only once
 * its record is durable: a block can enter a batch only after its addition is logged, so the log
 * always holds a block's addition before the batch that took it, whatever order writes finish in.
 * Readers ({@link #batch}, {@link #unallocatedRecords}, ...) see what the loop published and never wait.
 */
final class ReceivedBlockTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReceivedBlockTracker.class);
  private static final long CLOSE_WAIT_SECONDS = 30;

  private sealed interface Event {
    CompletableFuture<?> reply();
  }

  private record AddBlock(ReceivedBlockInfo block, CompletableFuture<Void> reply) implements Event {}

  private record AllocateBatch(Time time, CompletableFuture<Map<Integer, List<ReceivedBlockInfo>>> reply)
      implements Event {}

  private record CleanupUpTo(Time time, CompletableFuture<Void> reply) implements Event {}

  private record Replay(List<ReceivedBlockLog.Event> events, CompletableFuture<Void> reply) implements Event {}

  /** A log write ended: {@code apply} the change it recorded, or {@code fail} with the write's error. */
  private record Logged(Runnable apply, Consumer<Throwable> fail, Throwable error, CompletableFuture<?> reply)
      implements Event {}

  /** Answered once every event posted before it was handled. */
  private record Flush(CompletableFuture<Void> reply) implements Event {}

  private final ReceivedBlockLog blockLog; // null: the write-ahead log is off
  private final Clock wallClock;
  private final EventLoop<Event> loop;
  private final ExecutorService logWriters;
  private final ExecutorService logCleaner;

  // Owned by the loop thread.
  private final Map<Integer, List<ReceivedBlockInfo>> unallocated = new HashMap<>();
  private final Map<Time, CompletableFuture<Map<Integer, List<ReceivedBlockInfo>>>> allocating = new HashMap<>();
  private final TreeMap<Time, Long> allocatedAtWallTime = new TreeMap<>();
  // Wall time each block addition was sent to the log, by count: an addition still being written
  // when a batch is taken goes into a later batch, so cleaning up that batch must spare its file.
  private final TreeMap<Long, Integer> additionsInFlight = new TreeMap<>();
  private Time cleanedUpTo; // batches at or before this were forgotten; a late allocation of one stays forgotten
  // Written by the loop thread only, with immutable values: any thread may read.
  private final ConcurrentNavigableMap<Time, Map<Integer, List<ReceivedBlockInfo>>> allocated =
      new ConcurrentSkipListMap<>();
  private volatile long unallocatedRecords;
  private volatile int unallocatedBlocks;

  /**
   * @param blockLog where additions, allocations and cleanups are logged; null when the log is off
   * @param wallClock the time base of the log's files (the system clock in production, not the batch clock)
   */
  ReceivedBlockTracker(ReceivedBlockLog blockLog, Clock wallClock) {
    this.blockLog = blockLog;
    this.wallClock = wallClock;
    // Several writers: concurrent additions from many receivers share one flush of a batched log.
    this.logWriters = Executors.newCachedThreadPool(DaemonThreads.named("sluice-block-log-writer"));
    // One cleaner: cleanups of successive batches never race each other over the same files.
    this.logCleaner = Executors.newSingleThreadExecutor(DaemonThreads.named("sluice-block-log-cleaner"));
    this.loop = new EventLoop<>("sluice-received-block-tracker", this::handle,
        t -> log.error("Received-block tracker failed handling an event", t),
        event -> event.reply().completeExceptionally(
            new SluiceException("The received-block tracker is closed; dropped " + event)));
    loop.start();
  }

  /** Completes once the block is logged (if the log is on) and can go into the next batch. */
  CompletableFuture<Void> addBlock(ReceivedBlockInfo block) {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    loop.post(new AddBlock(block, reply));
    return reply;
  }

  /**
   * Assigns every block added so far and not yet in a batch to the batch at {@code time}; completes
   * with that batch's blocks per stream once the assignment is logged. Asking again for a batch
   * already allocated (a recovered driver regenerating it) gives the same blocks.
   */
  CompletableFuture<Map<Integer, List<ReceivedBlockInfo>>> allocateBlocksToBatch(Time time) {
    CompletableFuture<Map<Integer, List<ReceivedBlockInfo>>> reply = new CompletableFuture<>();
    loop.post(new AllocateBatch(time, reply));
    return reply;
  }

  /**
   * Forgets the batches at or before {@code time}, logs that, and deletes the log files (the
   * tracker's and the receivers' data logs) holding only their blocks: every block logged before
   * the newest forgotten batch was allocated went into a forgotten batch. Completes when all is done.
   */
  CompletableFuture<Void> cleanupBatchesUpTo(Time time) {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    loop.post(new CleanupUpTo(time, reply));
    return reply;
  }

  /** Rebuilds the blocks and batches from the log (driver recovery); call before blocks arrive. */
  CompletableFuture<Void> recoverFromLog() {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    if (blockLog == null) {
      reply.complete(null);
      return reply;
    }
    CompletableFuture.runAsync(() -> loop.post(new Replay(blockLog.readAll(), reply)), logWriters)
        .exceptionally(error -> {
          reply.completeExceptionally(error);
          return null;
        });
    return reply;
  }

  /** The blocks per stream of an allocated batch; empty when it was never allocated or is forgotten. */
  Map<Integer, List<ReceivedBlockInfo>> batch(Time time) {
    return allocated.getOrDefault(time, Map.of());
  }

  long unallocatedRecords() {
    return unallocatedRecords;
  }

  boolean hasUnallocatedBlocks() {
    return unallocatedBlocks > 0;
  }

  /** Batches whose blocks are remembered (a per-batch map: it must stay bounded). */
  int rememberedBatches() {
    return allocated.size();
  }

  /** Waits for log writes and cleanups in progress, stops the loop and closes the log. */
  @Override
  public void close() {
    awaitTermination(logWriters);
    awaitTermination(logCleaner);
    // Writes that ended posted their results: handle them before the loop stops.
    CompletableFuture<Void> flushed = new CompletableFuture<>();
    loop.post(new Flush(flushed));
    flushed.exceptionally(error -> null).join();
    loop.stop();
    if (blockLog != null) {
      blockLog.close();
    }
  }

  // ---------------------------------------------------------------- on the loop thread

  private void handle(Event event) {
    try {
      if (event instanceof AddBlock add) {
        onAddBlock(add);
      } else if (event instanceof AllocateBatch allocate) {
        onAllocateBatch(allocate.time(), allocate.reply());
      } else if (event instanceof CleanupUpTo cleanup) {
        onCleanup(cleanup.time(), cleanup.reply());
      } else if (event instanceof Replay replay) {
        onReplay(replay.events());
        replay.reply().complete(null);
      } else if (event instanceof Logged logged) {
        if (logged.error() == null) {
          logged.apply().run();
        } else {
          logged.fail().accept(logged.error());
        }
      } else if (event instanceof Flush flush) {
        flush.reply().complete(null);
      }
    } catch (RuntimeException e) {
      event.reply().completeExceptionally(e);
    }
  }

  private void onAddBlock(AddBlock add) {
    ReceivedBlockInfo block = add.block();
    long sentAt = wallClock.currentTimeMillis();
    additionsInFlight.merge(sentAt, 1, Integer::sum);
    logThen(new ReceivedBlockLog.BlockAdded(block), add.reply(), () -> {
      additionsInFlight.computeIfPresent(sentAt, (t, n) -> n == 1 ? null : n - 1);
      unallocated.computeIfAbsent(block.streamId(), id -> new ArrayList<>()).add(block);
      publishUnallocated();
      add.reply().complete(null);
    }, error -> {
      additionsInFlight.computeIfPresent(sentAt, (t, n) -> n == 1 ? null : n - 1);
      add.reply().completeExceptionally(new SluiceException("Could not log block "
          + block.blockId().name() + " of stream " + block.streamId() + "; it is not in any batch", error));
    });
  }

  private void onAllocateBatch(Time time, CompletableFuture<Map<Integer, List<ReceivedBlockInfo>>> reply) {
    Map<Integer, List<ReceivedBlockInfo>> existing = allocated.get(time);
    if (existing != null) {
      reply.complete(existing);
      return;
    }
    CompletableFuture<Map<Integer, List<ReceivedBlockInfo>>> inFlight = allocating.get(time);
    if (inFlight != null) {
      inFlight.whenComplete((blocks, error) -> {
        if (error == null) {
          reply.complete(blocks);
        } else {
          reply.completeExceptionally(error);
        }
      });
      return;
    }
    Map<Integer, List<ReceivedBlockInfo>> batch = new HashMap<>();
    unallocated.forEach((stream, blocks) -> {
      if (!blocks.isEmpty()) { // replaying a log can leave a stream's list empty
        batch.put(stream, List.copyOf(blocks));
      }
    });
    // Taken out now: blocks added while the allocation is being logged go into the next batch.
    unallocated.clear();
    publishUnallocated();
    Long oldestAdditionInFlight = additionsInFlight.isEmpty() ? null : additionsInFlight.firstKey();
    allocating.put(time, reply);
    logThen(new ReceivedBlockLog.BatchAllocated(time.milliseconds(), batch), reply, () -> {
      allocating.remove(time);
      Map<Integer, List<ReceivedBlockInfo>> published = Collections.unmodifiableMap(batch);
      if (cleanedUpTo == null || time.compareTo(cleanedUpTo) > 0) {
        allocated.put(time, published);
        if (blockLog != null) {
          long loggedAt = wallClock.currentTimeMillis();
          allocatedAtWallTime.put(time,
              oldestAdditionInFlight == null ? loggedAt : Math.min(loggedAt, oldestAdditionInFlight));
        }
      }
      reply.complete(published);
    }, error -> {
      allocating.remove(time);
      // Not logged, so not allocated: the blocks wait for the next batch, ahead of newer ones.
      batch.forEach((stream, blocks) -> unallocated.computeIfAbsent(stream, id -> new ArrayList<>()).addAll(0, blocks));
      publishUnallocated();
      reply.completeExceptionally(new SluiceException("Could not log the blocks of the batch at " + time, error));
    });
  }

  private void onCleanup(Time time, CompletableFuture<Void> reply) {
    if (cleanedUpTo == null || time.compareTo(cleanedUpTo) > 0) {
      cleanedUpTo = time;
    }
    allocated.headMap(time, true).clear();
    var forgotten = allocatedAtWallTime.headMap(time, true);
    if (blockLog == null || forgotten.isEmpty()) {
      reply.complete(null);
      return;
    }
    long threshold = forgotten.lastEntry().getValue();
    forgotten.clear();
    logCleaner.execute(() -> {
      try {
        blockLog.write(new ReceivedBlockLog.BatchesCleaned(time.milliseconds()));
        blockLog.clean(threshold);
        reply.complete(null);
      } catch (RuntimeException e) {
        reply.completeExceptionally(e);
      }
    });
  }

  private void onReplay(List<ReceivedBlockLog.Event> events) {
    int blocks = 0;
    for (ReceivedBlockLog.Event event : events) {
      if (event instanceof ReceivedBlockLog.BlockAdded added) {
        unallocated.computeIfAbsent(added.block().streamId(), id -> new ArrayList<>()).add(added.block());
        blocks++;
      } else if (event instanceof ReceivedBlockLog.BatchAllocated batch) {
        allocated.put(new Time(batch.timeMs()), Collections.unmodifiableMap(batch.blocks()));
        batch.blocks().forEach((stream, infos) -> {
          List<ReceivedBlockInfo> waiting = unallocated.get(stream);
          if (waiting != null) {
            waiting.removeAll(infos);
          }
        });
      } else if (event instanceof ReceivedBlockLog.BatchesCleaned cleaned) {
        allocated.headMap(new Time(cleaned.upToTimeMs()), true).clear();
      }
    }
    publishUnallocated();
    log.info("Recovered from the block log: {} blocks, {} batches with blocks, {} blocks not yet in a batch",
        blocks, allocated.size(), unallocatedBlocks);
  }

  /** Writes the record on the I/O pool, then has the loop apply the change (or fail) once it is durable. */
  private void logThen(ReceivedBlockLog.Event record, CompletableFuture<?> reply, Runnable apply,
                       Consumer<Throwable> fail) {
    if (blockLog == null) {
      apply.run();
      return;
    }
    logWriters.execute(() -> {
      Throwable error = null;
      try {
        blockLog.write(record);
      } catch (RuntimeException e) {
        error = e;
      }
      loop.post(new Logged(apply, fail, error, reply));
    });
  }

  private void publishUnallocated() {
    unallocatedRecords = unallocated.values().stream().flatMap(List::stream)
        .mapToLong(ReceivedBlockInfo::numRecords).sum();
    unallocatedBlocks = unallocated.values().stream().mapToInt(List::size).sum();
  }

  private static void awaitTermination(ExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("Block log I/O still running after {} s; closing anyway", CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
