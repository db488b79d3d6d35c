package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.storage.BlockId;
import java.util.Iterator;
import java.util.List;

/** Data already in block stores (received by a receiver): one block is one partition. */
public class BlockRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  private final List<BlockId> blockIds;

  record BlockPartition(int index, BlockId blockId) implements Partition {}

  public BlockRDD(SluiceContext sc, List<? extends BlockId> blockIds) {
    super(sc);
    this.blockIds = List.copyOf(blockIds);
  }

  public List<BlockId> blockIds() {
    return blockIds;
  }

  @Override
  protected Partition[] computePartitions() {
    Partition[] parts = new Partition[blockIds.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new BlockPartition(i, blockIds.get(i));
    }
    return parts;
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext task) {
    TaskContextImpl context = (TaskContextImpl) task;
    BlockId id = ((BlockPartition) split).blockId();
    return BlockRDD.<T>readBlock(id, context).orElseThrow(() -> new SluiceException("Block " + id.name()
        + " of RDD " + id() + " is not available: it was removed or lost with its executor"));
  }

  /** The block from this executor's store, else from any executor holding a copy (a replica). */
  static <T> java.util.Optional<Iterator<T>> readBlock(BlockId id, TaskContextImpl context) {
    var blocks = context.env().blockManager();
    java.util.Optional<Iterator<T>> local = blocks.getValues(id);
    if (local.isPresent()) {
      return local;
    }
    return context.env().blockTransfer().fetchFromAnywhere(id).map(bytes -> blocks.<T>deserializeValues(bytes));
  }

  @Override
  protected List<String> locationsOf(Partition split) {
    return Internals.context().backend(context()).blockLocations(((BlockPartition) split).blockId());
  }

  /** Removes the blocks from the block stores; the RDD cannot be computed afterwards. */
  public void removeBlocks() {
    Internals.context().removeBlocks(context(), blockIds);
  }
}
