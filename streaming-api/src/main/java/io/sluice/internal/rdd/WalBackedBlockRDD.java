package io.sluice.internal.rdd;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.io.HadoopConfs;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.wal.FileBasedWriteAheadLog;
import io.sluice.internal.wal.WalSegment;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * Received blocks that were also written to the write-ahead log: read from a block store when a
 * copy is there, else from the log (after a driver or executor failure lost the copies).
 */
public final class WalBackedBlockRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  private final List<BlockId.StreamBlock> blockIds;
  private final List<WalSegment> segments;

  record WalBlockPartition(int index, BlockId.StreamBlock blockId, WalSegment segment) implements Partition {}

  public WalBackedBlockRDD(SluiceContext sc, List<BlockId.StreamBlock> blockIds, List<WalSegment> segments) {
    super(sc);
    this.blockIds = List.copyOf(blockIds);
    this.segments = List.copyOf(segments);
  }

  public List<BlockId.StreamBlock> blockIds() {
    return blockIds;
  }

  @Override
  protected Partition[] computePartitions() {
    Partition[] parts = new Partition[blockIds.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new WalBlockPartition(i, blockIds.get(i), segments.get(i));
    }
    return parts;
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext task) {
    TaskContextImpl context = (TaskContextImpl) task;
    WalBlockPartition part = (WalBlockPartition) split;
    Optional<Iterator<T>> stored = BlockRDD.readBlock(part.blockId(), context);
    if (stored.isPresent()) {
      return stored.get();
    }
    WalSegment segment = part.segment();
    String directory = new Path(segment.path()).getParent().toString();
    try (FileBasedWriteAheadLog log = new FileBasedWriteAheadLog(directory,
        HadoopConfs.fromSluiceConf(context.env().conf()), Long.MAX_VALUE / 4)) {
      return context.env().blockManager().deserializeValues(log.read(segment));
    } catch (RuntimeException e) {
      throw new SluiceException("Block " + part.blockId().name() + " is in no block store and could not be read "
          + "from the write-ahead log at " + segment + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected List<String> locationsOf(Partition split) {
    return Internals.context().backend(context()).blockLocations(((WalBlockPartition) split).blockId());
  }

  /** Removes the block-store copies; the log copy is removed with its log file. */
  public void removeBlocks() {
    Internals.context().removeBlocks(context(), blockIds);
  }
}
