package io.sluice.internal.wal;

import java.util.Iterator;

/**
 * An append-only log of byte records on a Hadoop FileSystem, in files that roll over with time, so
 * old files can be deleted as a whole once nothing needs their records. Thread-safe.
 */
public interface WriteAheadLog extends AutoCloseable {

  /**
   * Appends a record stamped with {@code timeMs} (which decides the file it goes to and when it may
   * be cleaned) and returns once the record is durable (flushed to the file system's replicas).
   */
  WalSegment write(byte[] record, long timeMs);

  /** Reads back one record written earlier. */
  byte[] read(WalSegment segment);

  /** Every readable record of every file in the log directory, oldest file first (for recovery). */
  Iterator<byte[]> readAll();

  /** Deletes the files all of whose records are older than {@code thresholdMs}. */
  void clean(long thresholdMs, boolean waitForCompletion);

  @Override
  void close();
}
