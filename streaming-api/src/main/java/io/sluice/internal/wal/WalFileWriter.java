package io.sluice.internal.wal;

import io.sluice.core.SluiceException;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one open file of a log: frames appended to it, flushed on request. Not thread-safe. */
final class WalFileWriter {
  private static final Logger log = LoggerFactory.getLogger(WalFileWriter.class);

  private final WalFileName name;
  private final Path path;
  private final FSDataOutputStream out;
  private final WalDurability durability;

  private WalFileWriter(WalFileName name, Path path, FSDataOutputStream out, WalDurability durability) {
    this.name = name;
    this.path = path;
    this.out = out;
    this.durability = durability;
  }

  /**
   * A new, empty file named {@code first}, or with the next free sequence number when a file of that
   * name exists: an existing file is never opened for writing.
   */
  static WalFileWriter create(FileSystem fs, Path directory, WalFileName first, WalDurability durability) {
    WalFileName name = first;
    while (true) {
      Path path = new Path(directory, name.fileName());
      try {
        if (!fs.exists(path)) {
          return new WalFileWriter(name, path, fs.create(path, false), durability);
        }
      } catch (FileAlreadyExistsException e) {
        log.debug("Write-ahead log file {} was created by someone else; trying the next name", path);
      } catch (IOException e) {
        throw new SluiceException("Cannot create write-ahead log file " + path + ": " + e.getMessage(), e);
      }
      name = name.next();
    }
  }

  WalFileName name() {
    return name;
  }

  Path path() {
    return path;
  }

  /** Writes one framed record (not yet flushed) and returns where it is. */
  WalSegment append(byte[] record) {
    long offset = out.getPos();
    try {
      WalFrames.write(out, record);
    } catch (IOException e) {
      throw new SluiceException("Cannot write to write-ahead log file " + path + " at offset " + offset + ": "
          + e.getMessage(), e);
    }
    return new WalSegment(path.toString(), offset, record.length);
  }

  /** Makes everything appended so far durable (as {@link WalDurability} says) and visible to readers. */
  void flush() {
    try {
      durability.flush(out);
    } catch (IOException e) {
      throw new SluiceException("Cannot flush write-ahead log file " + path + " at offset " + out.getPos() + ": "
          + e.getMessage(), e);
    }
  }

  void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new SluiceException("Cannot close write-ahead log file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Closes after a failed write, when the stream may be broken and closing it may fail too. */
  void abandon() {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      log.warn("Abandoned write-ahead log file {} after a failed write; closing it failed too", path, e);
    }
  }
}
