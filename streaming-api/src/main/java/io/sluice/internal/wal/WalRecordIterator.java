package io.sluice.internal.wal;

import io.sluice.core.SluiceException;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The valid records of a list of log files, read lazily one file at a time. A torn or corrupt record
 * ends its file (with a warning): what follows it cannot be trusted to start on a frame boundary.
 * A file is closed once its records are all read; abandoning the iteration midway leaves one open.
 */
final class WalRecordIterator implements Iterator<byte[]> {
  private static final Logger log = LoggerFactory.getLogger(WalRecordIterator.class);
  private static final int BUFFER_BYTES = 64 * 1024;

  private final FileSystem fs;
  private final Deque<Path> files;
  private Path file;
  private InputStream in;
  private long offset;
  private byte[] next;

  WalRecordIterator(FileSystem fs, List<Path> files) {
    this.fs = fs;
    this.files = new ArrayDeque<>(files);
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (in == null && !openNextFile()) {
        return false;
      }
      next = readRecord();
    }
    return true;
  }

  @Override
  public byte[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    byte[] record = next;
    next = null;
    return record;
  }

  private boolean openNextFile() {
    while (!files.isEmpty()) {
      file = files.poll();
      offset = 0;
      try {
        // Hadoop streams make small reads expensive (HDFS: a call into the block reader each).
        in = new BufferedInputStream(fs.open(file), BUFFER_BYTES);
        return true;
      } catch (FileNotFoundException e) {
        // Deleted by a clean() since the directory was listed: its records were no longer needed.
        log.debug("Write-ahead log file {} disappeared before it was read", file);
      } catch (IOException e) {
        throw new SluiceException("Cannot open write-ahead log file " + file + ": " + e.getMessage(), e);
      }
    }
    return false;
  }

  /** The next record of the current file, or null (and the file closed) at its end. */
  private byte[] readRecord() {
    try {
      WalFrames.Header header = WalFrames.readHeader(in);
      if (header == null) {
        closeFile();
        return null;
      }
      byte[] record = WalFrames.readPayload(in, header);
      offset += WalFrames.HEADER_BYTES + record.length;
      return record;
    } catch (WalFrames.BadFrameException e) {
      log.warn("Write-ahead log file {} at offset {}: {}; skipping the rest of the file", file, offset, e.getMessage());
      closeFile();
      return null;
    } catch (IOException e) {
      closeFile();
      throw new SluiceException("Cannot read write-ahead log file " + file + " at offset " + offset + ": "
          + e.getMessage(), e);
    }
  }

  private void closeFile() {
    try {
      in.close();
    } catch (IOException e) {
      log.debug("Ignoring failure to close write-ahead log file {}", file, e);
    }
    in = null;
  }
}
