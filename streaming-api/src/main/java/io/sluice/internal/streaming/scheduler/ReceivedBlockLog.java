package io.sluice.internal.streaming.scheduler;

import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The block tracker's write-ahead log: which blocks receivers stored and which batch each went
 * into. A recovered driver replays it to give pending batches exactly their blocks again, and the
 * blocks not yet in a batch to the next one. Implementations are thread-safe and may block on I/O.
 */
interface ReceivedBlockLog extends AutoCloseable {

  sealed interface Event extends Serializable {}

  record BlockAdded(ReceivedBlockInfo block) implements Event {}

  record BatchAllocated(long timeMs, Map<Integer, List<ReceivedBlockInfo>> blocks) implements Event {}

  record BatchesCleaned(long upToTimeMs) implements Event {}

  /** Returns once the event is durable. */
  void write(Event event);

  /** Every event written and not cleaned, in the order written. */
  List<Event> readAll();

  /** Deletes what was logged before {@code wallTimeMs}: this log's files and the receivers' data logs. */
  void clean(long wallTimeMs);

  @Override
  void close();
}
