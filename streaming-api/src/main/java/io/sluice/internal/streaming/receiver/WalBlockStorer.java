package io.sluice.internal.streaming.receiver;

import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.wal.FileBasedWriteAheadLog;
import io.sluice.internal.wal.TimedWriteAheadLog;
import io.sluice.internal.wal.WalDurability;
import io.sluice.internal.wal.WalSegment;
import io.sluice.internal.wal.WalWriteTimer;
import io.sluice.internal.wal.WriteAheadLog;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * With sluice.streaming.receiver.writeAheadLog.enable: a block is written to this receiver's log
 * under the checkpoint directory (and flushed) before it is stored and reported, so a block the
 * driver hears about survives the loss of every process. The log copy makes a second in-memory
 * copy pointless, so blocks are kept once, serialized, spilling to disk (MEMORY_AND_DISK_SER).
 */
public final class WalBlockStorer implements BlockStorer {
  static final long ROLLING_INTERVAL_MS = 60_000;

  private final WriteAheadLog log;
  private final BlockManager blockManager;

  /** @param timer hears each write's latency (the driver's metrics, when the receiver runs in the driver) */
  public WalBlockStorer(String logDirectory, Configuration hadoopConf, WalDurability durability,
                        BlockManager blockManager, WalWriteTimer timer) {
    this.log = TimedWriteAheadLog.wrap(
        new FileBasedWriteAheadLog(logDirectory, hadoopConf, ROLLING_INTERVAL_MS, durability), timer);
    this.blockManager = blockManager;
  }

  /** The directory of one stream's received-data log under a checkpoint directory. */
  public static String logDirectory(String checkpointDir, int streamId) {
    return checkpointDir.replaceAll("/+$", "") + "/receivedData/" + streamId;
  }

  @Override
  public Optional<WalSegment> store(BlockId.StreamBlock id, List<?> records, StorageLevel level) {
    byte[] bytes = blockManager.serializeValues(records);
    WalSegment segment = log.write(bytes, System.currentTimeMillis());
    blockManager.putBytes(id, bytes, StorageLevel.MEMORY_AND_DISK_SER);
    return Optional.of(segment);
  }

  @Override
  public void close() {
    log.close();
  }
}
