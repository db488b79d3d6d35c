package io.sluice.internal.io;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.RecordReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of a Hadoop {@link RecordReader}, read lazily; the reader is closed when the last
 * record has been read or reading fails. The key and value are taken from the reader in
 * {@link #next()}, never ahead of time, so a consumer that converts each record before asking for
 * the next one sees correct values even without copying.
 */
final class RecordReaderIterator<K, V> implements Iterator<Tuple2<K, V>> {
  private static final Logger log = LoggerFactory.getLogger(RecordReaderIterator.class);

  private final RecordReader<K, V> reader;
  private final String description;
  private final Configuration copyConf; // null: hand out the reader's (reused) objects as they are
  private boolean fetched;
  private boolean hasNext;
  private boolean closed;

  /** @param copyConf configuration for cloning Writable records, or null not to copy them */
  RecordReaderIterator(RecordReader<K, V> reader, String description, Configuration copyConf) {
    this.reader = reader;
    this.description = description;
    this.copyConf = copyConf;
  }

  @Override
  public boolean hasNext() {
    if (!fetched && !closed) {
      try {
        hasNext = reader.nextKeyValue();
      } catch (IOException | RuntimeException e) {
        close();
        throw new SluiceException("Failed to read " + description + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new SluiceException("Interrupted while reading " + description, e);
      }
      fetched = true;
      if (!hasNext) {
        close();
      }
    }
    return hasNext && !closed;
  }

  @Override
  public Tuple2<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more records in " + description);
    }
    fetched = false;
    try {
      return new Tuple2<>(copy(reader.getCurrentKey()), copy(reader.getCurrentValue()));
    } catch (IOException | RuntimeException e) {
      close();
      throw new SluiceException("Failed to read " + description + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while reading " + description, e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T copy(T value) {
    if (copyConf != null && value instanceof Writable writable && !(value instanceof NullWritable)) {
      return (T) WritableUtils.clone(writable, copyConf);
    }
    return value;
  }

  private void close() {
    if (!closed) {
      closed = true;
      closeQuietly(reader, description);
    }
  }

  static void closeQuietly(RecordReader<?, ?> reader, String description) {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      log.warn("Could not close the reader of {}: {}", description, e.toString());
    }
  }
}
