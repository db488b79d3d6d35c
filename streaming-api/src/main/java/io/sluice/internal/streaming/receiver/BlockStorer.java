package io.sluice.internal.streaming.receiver;

import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import java.util.List;

/**
 * Makes a received block durable enough to be reported to the driver. The local implementation
 * writes to this executor's block store; this is the seam for replication to a second executor
 * (levels ending in {@code _2}) and for a write-ahead log.
 */
public interface BlockStorer {

  /** Stores the block; returns only once it can be read, throws if it could not be stored. */
  void store(BlockId.StreamBlock id, List<?> records, StorageLevel level);
}
