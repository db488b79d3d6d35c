package io.sluice.internal.wal;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log in a directory of any Hadoop file system. Records go to the current file,
 * {@code log-<startMs>-<endMs>[.<n>]} (see {@link WalFileName}); a record whose time is at or past the
 * current file's end closes it and starts a file for {@code [time, time + rollingIntervalMs)}. A record
 * with an earlier time goes to the current file, so every record of a file is older than its end time,
 * which is what {@link #clean} relies on.
 *
 * <p>Each instance starts a new file on its first write and never appends to an existing one: the
 * HDFS lease of a writer that died may still be held. Files of earlier instances are read by
 * {@link #readAll} and removed by {@link #clean} like the instance's own.
 *
 * <p>Thread-safe; writes are serialized (wrap in {@link BatchedWriteAheadLog} for concurrent writers).
 * A write returns after {@code hflush()}: on HDFS the bytes are on every replica's datanode and visible
 * to readers even if this process dies; on the local file system they are in the OS (they survive the
 * process, not the machine). With {@link WalDurability#HSYNC} it returns after {@code hsync()}: the
 * bytes are also on the replicas' disks (the local file system forces them to disk too).
 */
public final class FileBasedWriteAheadLog implements BatchAppendableLog {
  private static final Logger log = LoggerFactory.getLogger(FileBasedWriteAheadLog.class);

  private final FileSystem fs;
  private final Path directory;
  private final long rollingIntervalMs;
  private final WalDurability durability;
  private final WalDirectory files;
  private final AtomicLong flushes = new AtomicLong();

  // Guarded by this.
  private WalFileWriter current;
  private boolean closed;

  /** A log whose writes return after {@code hflush()} (the default durability). */
  public FileBasedWriteAheadLog(String logDirectory, Configuration hadoopConf, long rollingIntervalMs) {
    this(logDirectory, hadoopConf, rollingIntervalMs, WalDurability.HFLUSH);
  }

  public FileBasedWriteAheadLog(String logDirectory, Configuration hadoopConf, long rollingIntervalMs,
                                WalDurability durability) {
    this(fileSystem(new Path(logDirectory), hadoopConf), logDirectory, rollingIntervalMs, durability);
  }

  /** A log using {@code fs} (not closed by the log) for the directory and every file in it. */
  FileBasedWriteAheadLog(FileSystem fs, String logDirectory, long rollingIntervalMs) {
    this(fs, logDirectory, rollingIntervalMs, WalDurability.HFLUSH);
  }

  private FileBasedWriteAheadLog(FileSystem fs, String logDirectory, long rollingIntervalMs,
                                 WalDurability durability) {
    if (rollingIntervalMs <= 0) {
      throw new SluiceException("Write-ahead log " + logDirectory + ": rolling interval must be positive, got "
          + rollingIntervalMs + " ms");
    }
    // The local file system's checksummed view keeps a CRC per 512 bytes in a side file and rejects
    // the whole file once its tail is torn; the per-record checksums of WalFrames do that job instead.
    this.fs = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    this.directory = this.fs.makeQualified(new Path(logDirectory));
    this.rollingIntervalMs = rollingIntervalMs;
    this.durability = durability;
    try {
      if (!this.fs.mkdirs(directory)) {
        throw new SluiceException("Cannot create write-ahead log directory " + directory);
      }
    } catch (IOException e) {
      throw new SluiceException("Cannot create write-ahead log directory " + directory + ": " + e.getMessage(), e);
    }
    this.files = new WalDirectory(this.fs, directory);
  }

  @Override
  public WalSegment write(byte[] record, long timeMs) {
    return writeBatch(List.of(record), timeMs).get(0);
  }

  @Override
  public synchronized List<WalSegment> writeBatch(List<byte[]> records, long timeMs) {
    if (closed) {
      throw new SluiceException("Write-ahead log " + directory + " is closed");
    }
    if (current == null || timeMs >= current.name().endMs()) {
      roll(timeMs);
    }
    List<WalSegment> segments = new ArrayList<>(records.size());
    try {
      for (byte[] record : records) {
        segments.add(current.append(record));
      }
      current.flush();
      flushes.incrementAndGet();
      return segments;
    } catch (SluiceException e) {
      // The stream may be broken (e.g. its HDFS pipeline); the next write starts a fresh file.
      current.abandon();
      current = null;
      throw e;
    }
  }

  @Override
  public byte[] read(WalSegment segment) {
    Path file = new Path(segment.path());
    try (FSDataInputStream in = fs.open(file)) {
      in.seek(segment.offset());
      WalFrames.Header header = WalFrames.readHeader(in);
      if (header == null) {
        throw new WalFrames.BadFrameException("no record there: end of file");
      }
      if (header.length() != segment.length()) {
        throw new WalFrames.BadFrameException("record header says " + header.length() + " bytes");
      }
      return WalFrames.readPayload(in, header);
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a path of another file system ("Wrong FS").
      throw new SluiceException("Cannot read write-ahead log record of " + segment.length() + " bytes from "
          + file + " at offset " + segment.offset() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Iterator<byte[]> readAll() {
    List<Path> paths = files.logFiles().stream().map(WalDirectory.LogFile::path).toList();
    log.info("Reading write-ahead log {}: {} files", directory, paths.size());
    return new WalRecordIterator(fs, paths);
  }

  /**
   * Deletes the files whose end time is at or before {@code thresholdMs}, except the one being
   * written. Asynchronously (failures logged) unless {@code waitForCompletion}, then failures throw.
   */
  @Override
  public void clean(long thresholdMs, boolean waitForCompletion) {
    synchronized (this) {
      if (closed) {
        throw new SluiceException("Write-ahead log " + directory + " is closed");
      }
    }
    if (waitForCompletion) {
      files.deleteOlderThan(thresholdMs, this::currentFile);
      return;
    }
    try {
      files.deleteOlderThanAsync(thresholdMs, this::currentFile);
    } catch (RejectedExecutionException e) {
      log.warn("Write-ahead log {} closed before cleaning files older than {} ms", directory, thresholdMs);
    }
  }

  /** How many times records were flushed: one per {@link #write} or {@link #writeBatch}. */
  public long flushCount() {
    return flushes.get();
  }

  /** The qualified log directory. */
  public String directory() {
    return directory.toString();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    files.close();
    if (current != null) {
      WalFileWriter last = current;
      current = null;
      last.close();
    }
  }

  private synchronized Path currentFile() {
    return current == null ? null : current.path();
  }

  private void roll(long timeMs) {
    WalFileWriter previous = current;
    current = null;
    if (previous != null) {
      try {
        previous.close();
      } catch (SluiceException e) {
        // Its records were flushed before their writes returned; only the close is lost.
        log.warn("{}; its flushed records stay readable", e.getMessage());
      }
    }
    current = WalFileWriter.create(fs, directory, new WalFileName(timeMs, timeMs + rollingIntervalMs, 0), durability);
    log.info("Write-ahead log now writing to {}", current.path());
  }

  private static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new SluiceException("Cannot open the file system of write-ahead log " + path + ": " + e.getMessage(), e);
    }
  }
}
