package io.sluice.internal.streaming.receiver;

import io.sluice.internal.storage.BlockId;
import io.sluice.internal.wal.WalSegment;
import java.io.Serializable;

/**
 * A block a receiver stored: which stream, how many records, which executor holds it, and, with
 * the write-ahead log on, where in the log it can be read back after the executor's copy is gone.
 */
public record ReceivedBlockInfo(int streamId, BlockId.StreamBlock blockId, long numRecords, String executorId,
                                WalSegment walSegment) implements Serializable {

  public ReceivedBlockInfo(int streamId, BlockId.StreamBlock blockId, long numRecords, String executorId) {
    this(streamId, blockId, numRecords, executorId, null);
  }
}
