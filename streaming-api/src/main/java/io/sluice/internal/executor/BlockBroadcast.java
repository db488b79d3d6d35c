package io.sluice.internal.executor;

import io.sluice.core.Broadcast;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.util.Iterators;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A broadcast variable kept as a block: the driver stores it once; a task that reads it on an
 * executor takes it from the executor's block store (fetching it there first when remote).
 */
public final class BlockBroadcast<T> extends Broadcast<T> {
  private static final long serialVersionUID = 1L;
  private final long id;
  private final transient T driverValue;
  private final transient BlockManager driverBlocks;
  private final transient Consumer<BlockId> removeEverywhere;

  /** @param removeEverywhere drops the block from the driver's and every executor's store */
  public BlockBroadcast(long id, T value, BlockManager driverBlocks, Consumer<BlockId> removeEverywhere) {
    this.id = id;
    this.driverValue = value;
    this.driverBlocks = driverBlocks;
    this.removeEverywhere = removeEverywhere;
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
    ExecutorEnv env = TaskContextImpl.currentEnv();
    BlockManager blocks = env.blockManager();
    Optional<Iterator<T>> local = blocks.getValues(blockId());
    if (local.isPresent()) {
      return local.get().next();
    }
    // First use on this executor: fetch from the driver and keep it for the next tasks (two tasks
    // starting at once may both fetch; the second copy replaces the first).
    byte[] bytes = env.blockTransfer().fetch("driver", blockId()).orElseThrow(() -> new SluiceException(
        "Broadcast " + id + " is not available on executor " + blocks.executorId() + " (was it unpersisted?)"));
    List<T> value = Iterators.toList(blocks.<T>deserializeValues(bytes));
    blocks.putValues(blockId(), value, StorageLevel.MEMORY_AND_DISK);
    return value.get(0);
  }

  @Override
  public void unpersist() {
    if (removeEverywhere != null) {
      removeEverywhere.accept(blockId());
    }
  }

  @Override
  public String toString() {
    return "Broadcast(" + id + ")";
  }
}
