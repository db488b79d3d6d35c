package io.sluice.internal.wal;

import java.util.List;

/** A write-ahead log that can make many records durable with a single flush. */
public interface BatchAppendableLog extends WriteAheadLog {

  /**
   * Appends the records, each framed on its own, in order, and returns once all are durable.
   *
   * @param timeMs the latest time among the records: it decides the file they all go to
   * @return one segment per record, in the same order, each readable with {@link #read}
   */
  List<WalSegment> writeBatch(List<byte[]> records, long timeMs);
}
