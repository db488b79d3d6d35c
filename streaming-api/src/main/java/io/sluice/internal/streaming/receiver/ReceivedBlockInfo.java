package io.sluice.internal.streaming.receiver;

import io.sluice.internal.storage.BlockId;
import java.io.Serializable;

/** A block a receiver stored: which stream, how many records, which executor holds it. */
public record ReceivedBlockInfo(int streamId, BlockId.StreamBlock blockId, long numRecords, String executorId)
    implements Serializable {}
