package io.sluice.internal.streaming.receiver;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.util.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import io.sluice.internal.wal.WalSegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;

/**
 * A receiver's data path: single records go through a {@link BlockGenerator}, batches become a
 * block at once; every block is stored and then reported to the driver's tracker. Also remembers
 * whether anything was stored since the last reset, which drives the restart backoff.
 *
 * <p>A block the generator rolled is kept while storing it fails (the write-ahead log's file system
 * full, unwritable or slow past its timeout): the failure is reported to the driver as a receiver
 * error at every attempt, and the store is retried with a growing delay until it succeeds. Meanwhile
 * the generator's queue fills and {@code store(record)} waits, so the receiver stops taking data from
 * its source instead of dropping it. Only a stop gives up on such a block (reported as lost). A block
 * stored with {@code store(List)} fails its caller at once instead, which has not acknowledged it.
 * A store that neither succeeds nor fails within {@code sluice.network.timeout} (a hung file
 * system) is reported as an error too, and waited for.
 */
final class ReceivedBlockHandler {
  static final long FIRST_RETRY_DELAY_MS = 100;
  static final long MAX_RETRY_DELAY_MS = 5_000;

  private final int streamId;
  private final String executorId;
  private final StorageLevel level;
  private final BlockStorer storer;
  private final ReceiverTrackerEndpoint tracker;
  private final BlockGenerator generator;
  private final Clock clock;
  private final BiConsumer<String, Throwable> errorReporter;
  private final long slowStoreMs;
  private volatile boolean stopping;
  // Volatile, written only when it flips: records arrive at up to millions per second.
  private volatile boolean storedSinceReset;

  ReceivedBlockHandler(int streamId, String executorId, StorageLevel level, SluiceConf conf, Clock clock,
                       BlockStorer storer, ReceiverTrackerEndpoint tracker,
                       BiConsumer<String, Throwable> errorReporter) {
    this.streamId = streamId;
    this.executorId = executorId;
    this.level = level;
    this.storer = storer;
    this.tracker = tracker;
    this.clock = clock;
    this.errorReporter = errorReporter;
    this.slowStoreMs = SluiceOptions.NETWORK_TIMEOUT_MS.get(conf);
    this.generator = BlockGenerator.fromConf(streamId, conf, clock, new BlockGenerator.Listener() {
      @Override
      public void onBlockReady(BlockId.StreamBlock id, List<?> records) {
        report(id, records, storeRetrying(id, records));
      }

      @Override
      public void onPushError(BlockId.StreamBlock id, int numRecords, Throwable error) {
        errorReporter.accept("Lost block " + id.name() + " (" + numRecords + " records): it could not be stored",
            error);
      }
    });
  }

  void start() {
    generator.start();
  }

  void addRecord(Object record) {
    markStored();
    generator.add(record);
  }

  /** Buffers whole UTF-8 lines, each ending with '\n', from {@code bytes[from, to)}. */
  void addLines(byte[] bytes, int from, int to) {
    markStored();
    generator.addLines(bytes, from, to);
  }

  private void markStored() {
    if (!storedSinceReset) { // a volatile read per record rather than a write
      storedSinceReset = true;
    }
  }

  /** Stores the records as one block on the calling thread; returns once it is stored and reported. */
  void storeRecords(Iterator<?> records) {
    List<Object> block = new ArrayList<>();
    records.forEachRemaining(block::add);
    if (block.isEmpty()) {
      return;
    }
    storedSinceReset = true;
    BlockId.StreamBlock id = StreamBlockIds.next(streamId);
    report(id, block, store(id, block));
  }

  /** Stops taking records and stores every buffered one; idempotent. */
  void updateRate(long recordsPerSecond) {
    generator.updateRate(recordsPerSecond);
  }

  void flushAndStop() {
    stopping = true;
    generator.stop();
    storer.close();
  }

  boolean storedSinceReset() {
    return storedSinceReset;
  }

  void resetStored() {
    storedSinceReset = false;
  }

  private Optional<WalSegment> store(BlockId.StreamBlock id, List<?> records) {
    ScheduledFuture<?> watch = SlowStoreWatch.after(slowStoreMs, () -> errorReporter.accept("Storing block "
        + id.name() + " of stream " + streamId + " (" + records.size() + " records) on executor " + executorId
        + " has taken longer than sluice.network.timeout (" + slowStoreMs + " ms): the write-ahead log's file"
        + " system is slow or hung; the receiver takes no more data until the block is stored", null));
    try {
      return storer.store(id, records, level);
    } catch (RuntimeException e) {
      throw new SluiceException("Could not store block " + id.name() + " of stream " + streamId + " ("
          + records.size() + " records) on executor " + executorId, e);
    } finally {
      watch.cancel(false);
    }
  }

  /**
   * Stores a generated block, retrying until it is stored or the handler stops. Only the store is
   * retried: reporting the block to the driver is not, since a report that failed may have arrived.
   */
  private Optional<WalSegment> storeRetrying(BlockId.StreamBlock id, List<?> records) {
    long delayMs = FIRST_RETRY_DELAY_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        return store(id, records);
      } catch (SluiceException e) {
        if (stopping) {
          throw e;
        }
        errorReporter.accept(e.getMessage() + " (attempt " + attempt + "; retrying in " + delayMs
            + " ms, the receiver takes no more data meanwhile)", e);
        try {
          clock.waitTillTime(clock.currentTimeMillis() + delayMs);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delayMs = Math.min(2 * delayMs, MAX_RETRY_DELAY_MS);
      }
    }
  }

  private void report(BlockId.StreamBlock id, List<?> records, Optional<WalSegment> segment) {
    tracker.addBlock(new ReceivedBlockInfo(streamId, id, records.size(), executorId, segment.orElse(null)));
  }
}
