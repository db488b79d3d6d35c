package io.sluice.internal.streaming.receiver;

import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.storage.BlockTransfer;
import io.sluice.internal.wal.WalSegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores received blocks in this executor's block manager and, for levels ending in {@code _2},
 * has a second executor pull a copy before the block counts as stored. With no other executor
 * (local mode, or the only one left) the block is kept once and that is logged once.
 */
public final class LocalBlockStorer implements BlockStorer {
  private static final Logger log = LoggerFactory.getLogger(LocalBlockStorer.class);

  private final BlockManager blockManager;
  private final BlockTransfer transfer;
  private final AtomicBoolean warnedAboutReplication = new AtomicBoolean();

  public LocalBlockStorer(BlockManager blockManager, BlockTransfer transfer) {
    this.blockManager = blockManager;
    this.transfer = transfer;
  }

  @Override
  public Optional<WalSegment> store(BlockId.StreamBlock id, List<?> records, StorageLevel level) {
    blockManager.putValues(id, records, level);
    // The block manager only logs when a block fits neither in memory nor (by its level) on disk;
    // a block reported to the driver but missing would fail the batch later, so fail here instead.
    if (!blockManager.contains(id)) {
      throw new SluiceException("Block " + id.name() + " of stream " + id.streamId() + " (" + records.size()
          + " records) could not be stored at level " + level + " on executor " + blockManager.executorId()
          + ": it does not fit in memory and the level does not allow disk");
    }
    if (level.replication() > 1) {
      int copies = 1 + transfer.replicate(id, level);
      if (copies < level.replication() && warnedAboutReplication.compareAndSet(false, true)) {
        log.info("Stream {} asks for storage level {}, but block {} is kept in {} cop{} (no other executor could take"
            + " one); logged once", id.streamId(), level, id.name(), copies, copies == 1 ? "y" : "ies");
      }
    }
    return Optional.empty();
  }
}
