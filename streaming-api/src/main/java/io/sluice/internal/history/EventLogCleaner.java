package io.sluice.internal.history;

import io.sluice.internal.eventlog.EventLogLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the event logs of applications that ended long ago ({@code sluice.history.fs.cleaner.*}),
 * so a directory that every run of every application writes to does not grow forever. A run still
 * marked {@value EventLogLayout#IN_PROGRESS} is never deleted: its files' modification times say
 * nothing about whether it still runs (HDFS updates them when a file is closed, not on hflush, and
 * an application that logs little rolls its file rarely). A run whose driver died without removing
 * the marker therefore stays until someone deletes it.
 */
final class EventLogCleaner {
  private static final Logger log = LoggerFactory.getLogger(EventLogCleaner.class);

  private final FileSystem fs;
  private final Path logDir;
  private final long maxAgeMs;

  EventLogCleaner(FileSystem fs, Path logDir, long maxAgeMs) {
    this.fs = fs;
    this.logDir = logDir;
    this.maxAgeMs = maxAgeMs;
  }

  /** Deletes every ended run last written more than maxAge before {@code nowMs}; returns their names. */
  List<String> clean(long nowMs) throws IOException {
    FileStatus[] runs;
    try {
      runs = fs.listStatus(logDir);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<String> deleted = new ArrayList<>();
    for (FileStatus run : runs) {
      if (!run.isDirectory() || fs.exists(new Path(run.getPath(), EventLogLayout.IN_PROGRESS))) {
        continue;
      }
      long lastWritten = run.getModificationTime();
      for (FileStatus file : fs.listStatus(run.getPath())) {
        lastWritten = Math.max(lastWritten, file.getModificationTime());
      }
      if (nowMs - lastWritten > maxAgeMs && fs.delete(run.getPath(), true)) {
        log.info("Deleted the event log {}: last written {} s ago, longer than sluice.history.fs.cleaner.maxAge",
            run.getPath(), (nowMs - lastWritten) / 1000);
        deleted.add(run.getPath().getName());
      }
    }
    return deleted;
  }
}
