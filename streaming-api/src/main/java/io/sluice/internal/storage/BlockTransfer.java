package io.sluice.internal.storage;

import io.sluice.core.StorageLevel;
import java.util.Optional;

/**
 * How an executor reaches blocks held elsewhere: another executor's shuffle output, a replica of a
 * received block, a broadcast value kept by the driver. In {@code local[N]} everything is in the one
 * block store, so {@link #local} only looks there.
 */
public interface BlockTransfer {

  /** The block's bytes from {@code executorId} (or "driver"); empty when it does not have it or is gone. */
  Optional<byte[]> fetch(String executorId, BlockId id);

  /** The block's bytes from any other process the driver knows holds a copy; empty when none does. */
  Optional<byte[]> fetchFromAnywhere(BlockId id);

  /**
   * Copies a block this executor holds to other executors until {@code level.replication()} copies
   * exist; returns how many copies were made (fewer when there are not enough executors).
   */
  int replicate(BlockId id, StorageLevel level);

  /** One process holding every block. */
  static BlockTransfer local(BlockManager blocks) {
    return new BlockTransfer() {
      @Override
      public Optional<byte[]> fetch(String executorId, BlockId id) {
        return blocks.getBytes(id);
      }

      @Override
      public Optional<byte[]> fetchFromAnywhere(BlockId id) {
        return Optional.empty();
      }

      @Override
      public int replicate(BlockId id, StorageLevel level) {
        return 0;
      }
    };
  }
}
