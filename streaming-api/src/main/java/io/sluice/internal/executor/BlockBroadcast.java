package io.sluice.internal.executor;

import io.sluice.core.Broadcast;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import java.util.List;

/**
 * A broadcast variable kept as a block: the driver stores it once; a task that reads it on an
 * executor takes it from the executor's block store (fetching it there first when remote).
 */
public final class BlockBroadcast<T> extends Broadcast<T> {
  private final long id;
  private final transient T driverValue;
  private final transient BlockManager driverBlocks;

  public BlockBroadcast(long id, T value, BlockManager driverBlocks) {
    this.id = id;
    this.driverValue = value;
    this.driverBlocks = driverBlocks;
    driverBlocks.putValues(blockId(), List.of(value), StorageLevel.MEMORY_AND_DISK);
  }

  private BlockId blockId() {
    return new BlockId.BroadcastBlock(id);
  }

  @Override
  public T value() {
    if (driverBlocks != null) {
      return driverValue;
    }
    BlockManager blocks = TaskContextImpl.currentEnv().blockManager();
    return blocks.<T>getValues(blockId()).map(java.util.Iterator::next).orElseThrow(() -> new SluiceException(
        "Broadcast " + id + " is not available on executor " + blocks.executorId() + " (was it unpersisted?)"));
  }

  @Override
  public void unpersist() {
    if (driverBlocks != null) {
      driverBlocks.remove(blockId());
    }
  }

  @Override
  public String toString() {
    return "Broadcast(" + id + ")";
  }
}
