package io.sluice.internal.streaming.receiver;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.util.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import io.sluice.internal.wal.WalSegment;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A receiver's data path: single records go through a {@link BlockGenerator}, batches become a
 * block at once; every block is stored and then reported to the driver's tracker. Also remembers
 * whether anything was stored since the last reset, which drives the restart backoff.
 */
final class ReceivedBlockHandler {
  private final int streamId;
  private final String executorId;
  private final StorageLevel level;
  private final BlockStorer storer;
  private final ReceiverTrackerEndpoint tracker;
  private final BlockGenerator generator;
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
    this.generator = BlockGenerator.fromConf(streamId, conf, clock, new BlockGenerator.Listener() {
      @Override
      public void onBlockReady(BlockId.StreamBlock id, List<Object> records) {
        store(id, records);
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
    if (!storedSinceReset) {
      storedSinceReset = true;
    }
    generator.add(record);
  }

  /** Stores the records as one block on the calling thread; returns once it is stored and reported. */
  void storeRecords(Iterator<?> records) {
    List<Object> block = new ArrayList<>();
    records.forEachRemaining(block::add);
    if (block.isEmpty()) {
      return;
    }
    storedSinceReset = true;
    store(StreamBlockIds.next(streamId), block);
  }

  /** Stops taking records and stores every buffered one; idempotent. */
  void updateRate(long recordsPerSecond) {
    generator.updateRate(recordsPerSecond);
  }

  void flushAndStop() {
    generator.stop();
    storer.close();
  }

  boolean storedSinceReset() {
    return storedSinceReset;
  }

  void resetStored() {
    storedSinceReset = false;
  }

  private void store(BlockId.StreamBlock id, List<Object> records) {
    Optional<WalSegment> segment;
    try {
      segment = storer.store(id, records, level);
    } catch (RuntimeException e) {
      throw new SluiceException("Could not store block " + id.name() + " of stream " + streamId + " ("
          + records.size() + " records) on executor " + executorId, e);
    }
    tracker.addBlock(new ReceivedBlockInfo(streamId, id, records.size(), executorId, segment.orElse(null)));
  }
}
