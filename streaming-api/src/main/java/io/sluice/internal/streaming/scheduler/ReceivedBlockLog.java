package io.sluice.internal.streaming.scheduler;

import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import io.sluice.internal.wal.BatchedWriteAheadLog;
import io.sluice.internal.wal.FileBasedWriteAheadLog;
import io.sluice.internal.wal.WriteAheadLog;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The block tracker's own write-ahead log (under the checkpoint directory): which blocks receivers
 * stored and which batch each went into. A recovered driver replays it to give pending batches
 * exactly their blocks again, and the blocks not yet in a batch to the next one.
 */
final class ReceivedBlockLog implements AutoCloseable {
  static final long ROLLING_INTERVAL_MS = 60_000;

  sealed interface Event extends Serializable {}

  record BlockAdded(ReceivedBlockInfo block) implements Event {}

  record BatchAllocated(long timeMs, Map<Integer, List<ReceivedBlockInfo>> blocks) implements Event {}

  record BatchesCleaned(long upToTimeMs) implements Event {}

  private final WriteAheadLog log;
  private final Serializer serializer;

  ReceivedBlockLog(String checkpointDir, Configuration hadoopConf, Serializer serializer) {
    String dir = checkpointDir.replaceAll("/+$", "") + "/receivedBlockMetadata";
    this.log = new BatchedWriteAheadLog(new FileBasedWriteAheadLog(dir, hadoopConf, ROLLING_INTERVAL_MS));
    this.serializer = serializer;
  }

  /** Returns once the event is durable. */
  void write(Event event) {
    log.write(serializer.serialize(event), System.currentTimeMillis());
  }

  List<Event> readAll() {
    List<Event> events = new ArrayList<>();
    for (Iterator<byte[]> it = log.readAll(); it.hasNext(); ) {
      events.add(serializer.deserialize(it.next()));
    }
    return events;
  }

  /** Deletes log files written before {@code wallTimeMs}. */
  void clean(long wallTimeMs) {
    log.clean(wallTimeMs, false);
  }

  @Override
  public void close() {
    log.close();
  }
}
