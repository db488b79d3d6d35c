package io.sluice.internal.streaming.scheduler;

import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.streaming.receiver.WalBlockStorer;
import io.sluice.internal.wal.BatchedWriteAheadLog;
import io.sluice.internal.wal.FileBasedWriteAheadLog;
import io.sluice.internal.wal.TimedWriteAheadLog;
import io.sluice.internal.wal.WalDurability;
import io.sluice.internal.wal.WalWriteTimer;
import io.sluice.internal.wal.WriteAheadLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** The received-block log under the checkpoint directory, on any Hadoop file system. */
final class FileReceivedBlockLog implements ReceivedBlockLog {
  static final long ROLLING_INTERVAL_MS = 60_000;

  private final WriteAheadLog log;
  private final Serializer serializer;
  private final String checkpointDir;
  private final List<Integer> receiverStreamIds;
  private final Configuration hadoopConf;

  /**
   * @param receiverStreamIds the streams whose receivers log their data under the checkpoint directory
   * @param timer hears each write's latency (the driver's metrics)
   */
  FileReceivedBlockLog(String checkpointDir, List<Integer> receiverStreamIds, Configuration hadoopConf,
                       WalDurability durability, Serializer serializer, WalWriteTimer timer) {
    String dir = checkpointDir.replaceAll("/+$", "") + "/receivedBlockMetadata";
    // Batched: receivers add blocks concurrently, and one flush can make all their records durable.
    // As durable as the data it points to: a block whose "added" record is lost cannot be replayed.
    this.log = TimedWriteAheadLog.wrap(new BatchedWriteAheadLog(
        new FileBasedWriteAheadLog(dir, hadoopConf, ROLLING_INTERVAL_MS, durability)), timer);
    this.serializer = serializer;
    this.checkpointDir = checkpointDir;
    this.receiverStreamIds = List.copyOf(receiverStreamIds);
    this.hadoopConf = hadoopConf;
  }

  @Override
  public void write(Event event) {
    log.write(serializer.serialize(event), System.currentTimeMillis());
  }

  @Override
  public List<Event> readAll() {
    List<Event> events = new ArrayList<>();
    for (Iterator<byte[]> it = log.readAll(); it.hasNext(); ) {
      events.add(serializer.deserialize(it.next()));
    }
    return events;
  }

  @Override
  public void clean(long wallTimeMs) {
    log.clean(wallTimeMs, false);
    for (int streamId : receiverStreamIds) {
      try (FileBasedWriteAheadLog data = new FileBasedWriteAheadLog(
          WalBlockStorer.logDirectory(checkpointDir, streamId), hadoopConf, Long.MAX_VALUE / 4)) {
        data.clean(wallTimeMs, false);
      }
    }
  }

  @Override
  public void close() {
    log.close();
  }
}
