package io.sluice.internal.streaming.receiver;

import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.wal.WalSegment;
import java.util.List;
import java.util.Optional;

/**
 * Makes a received block durable enough to be reported to the driver. The local implementation
 * writes to this executor's block store; this is the seam for replication to a second executor
 * (levels ending in {@code _2}) and for a write-ahead log.
 */
public interface BlockStorer {

  /**
   * Stores the block; returns only once it can be read, throws if it could not be stored. Returns
   * where the block is in the write-ahead log when it was written to one.
   */
  Optional<WalSegment> store(BlockId.StreamBlock id, List<?> records, StorageLevel level);

  /** Releases what the storer holds (an open log file) when the receiver stops for good. */
  default void close() {}
}
