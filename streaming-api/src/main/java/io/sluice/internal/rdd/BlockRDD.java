package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.storage.BlockId;
import java.util.Iterator;
import java.util.List;

/** Data already in block stores (received by a receiver): one block is one partition. */
public class BlockRDD<T> extends RDD<T> {
  private final List<BlockId> blockIds;

  record BlockPartition(int index, BlockId blockId) implements Partition {}

  public BlockRDD(SluiceContext sc, List<? extends BlockId> blockIds) {
    super(sc, List.of());
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
  public Iterator<T> compute(Partition split, TaskContextImpl context) {
    BlockId id = ((BlockPartition) split).blockId();
    return context.env().blockManager().<T>getValues(id).orElseThrow(() -> new SluiceException("Block " + id.name()
        + " of RDD " + id() + " is not available: it was removed or lost with its executor"));
  }

  /** Removes the blocks from the block stores; the RDD cannot be computed afterwards. */
  public void removeBlocks() {
    context().removeBlocks(blockIds);
  }
}
