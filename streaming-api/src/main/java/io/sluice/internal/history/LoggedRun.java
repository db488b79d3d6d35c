package io.sluice.internal.history;

import io.sluice.internal.eventlog.EventLogReader;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's log and what has been replayed from it so far. A run still in progress is read again
 * (from where the last read stopped) on every refresh; a finished one only until it was read whole.
 */
final class LoggedRun {
  private static final Logger log = LoggerFactory.getLogger(LoggedRun.class);

  private final EventLogReader reader;
  private final ReplayedApplication app;
  private volatile boolean inProgress = true;
  private boolean readToEnd;

  LoggedRun(FileSystem fs, Path runDir) {
    this.reader = new EventLogReader(fs, runDir);
    this.app = new ReplayedApplication(runDir.getName());
  }

  ReplayedApplication app() {
    return app;
  }

  boolean inProgress() {
    return inProgress;
  }

  /** Replays what was added since the last refresh; an event that does not replay is logged and skipped. */
  synchronized void refresh() throws IOException {
    if (readToEnd) {
      return;
    }
    // The marker is checked first: if it is gone, the writer had closed the log, so this read sees all of it.
    boolean stillRunning = reader.inProgress();
    reader.readNew(event -> {
      try {
        app.apply(event);
      } catch (RuntimeException e) {
        log.warn("Skipping an event of {} that does not replay ({}): {}", reader.runDirectory(), e.toString(), event);
      }
    });
    inProgress = stillRunning;
    readToEnd = !stillRunning;
  }
}
