package io.sluice.internal.wal;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log files of a directory, whoever wrote them: listed oldest first, deleted once old. The
 * directory is listed each time rather than remembered, so files left by a process that died are
 * found and cleaned too.
 */
final class WalDirectory implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalDirectory.class);

  record LogFile(WalFileName name, Path path) {}

  private final FileSystem fs;
  private final Path directory;
  // Deletes run here when the caller does not wait; the thread starts with the first of them.
  private final ExecutorService deleter;

  WalDirectory(FileSystem fs, Path directory) {
    this.fs = fs;
    this.directory = directory;
    this.deleter = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "wal-cleaner " + directory);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The log files, ordered by start time (then end time, then sequence number). */
  List<LogFile> logFiles() {
    FileStatus[] statuses;
    try {
      statuses = fs.listStatus(directory);
    } catch (IOException e) {
      throw new SluiceException("Cannot list write-ahead log directory " + directory + ": " + e.getMessage(), e);
    }
    List<LogFile> files = new ArrayList<>();
    for (FileStatus status : statuses) {
      Optional<WalFileName> name = WalFileName.parse(status.getPath().getName());
      if (status.isFile() && name.isPresent()) {
        files.add(new LogFile(name.get(), status.getPath()));
      }
    }
    files.sort(Comparator.comparing(LogFile::name));
    return files;
  }

  /**
   * Deletes every log file whose end time is at or before {@code thresholdMs} except the one
   * {@code inUse} names (asked just before deleting, as the writer may have rolled since).
   */
  void deleteOlderThan(long thresholdMs, Supplier<Path> inUse) {
    Path writing = inUse.get();
    int deleted = 0;
    for (LogFile file : logFiles()) {
      if (file.name().endMs() > thresholdMs || file.path().equals(writing)) {
        continue;
      }
      try {
        if (fs.delete(file.path(), false)) {
          deleted++;
        }
      } catch (IOException e) {
        throw new SluiceException("Cannot delete write-ahead log file " + file.path() + ": " + e.getMessage(), e);
      }
    }
    log.debug("Deleted {} write-ahead log files of {} ending at or before {} ms", deleted, directory, thresholdMs);
  }

  /** {@link #deleteOlderThan} on the cleaner thread; failures are logged. */
  void deleteOlderThanAsync(long thresholdMs, Supplier<Path> inUse) {
    deleter.execute(() -> {
      try {
        deleteOlderThan(thresholdMs, inUse);
      } catch (SluiceException e) {
        log.warn("Cleaning write-ahead log {} failed: {}", directory, e.getMessage(), e);
      }
    });
  }

  /** Stops taking deletes; those already asked for still run. */
  @Override
  public void close() {
    deleter.shutdown();
  }
}
