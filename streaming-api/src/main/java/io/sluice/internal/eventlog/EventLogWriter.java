package io.sluice.internal.eventlog;

import io.sluice.core.SluiceException;
import io.sluice.internal.util.MonotonicClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends JSON lines to one run's event log on {@code sluice-event-log-writer}, so no caller (the
 * listener bus, the cluster scheduler's loop) ever waits on HDFS. A line never spans two files: the
 * next file starts once the current one reached {@code maxFileBytes}. The stream is hflushed at most
 * {@code flushIntervalMs} after a line was written, so the history server can follow a running
 * application. A failing file system costs the log, never the application: after an I/O error the
 * writer logs it once and drops what follows.
 */
public final class EventLogWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLogWriter.class);
  private static final String END = new String("end of log"); // compared by identity

  private final FileSystem fs;
  private final Path runDir;
  private final long maxFileBytes;
  private final long flushIntervalMs;
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  // Owned by the writer thread (the constructor opens the first file before starting it).
  private FSDataOutputStream out;
  private int fileNumber;
  private long fileBytes;
  private boolean failed;

  /** Creates the run's directory, its in-progress marker and first file; fails if the directory exists. */
  public EventLogWriter(FileSystem fs, Path runDir, long maxFileBytes, long flushIntervalMs) {
    this.fs = fs;
    this.runDir = runDir;
    this.maxFileBytes = maxFileBytes;
    this.flushIntervalMs = flushIntervalMs;
    try {
      if (fs.exists(runDir)) {
        throw new SluiceException("The event log " + runDir + " already exists; an application run never "
            + "overwrites another's log");
      }
      fs.mkdirs(runDir);
      fs.create(EventLogLayout.marker(runDir), false).close();
      openNext();
    } catch (IOException e) {
      throw new SluiceException("Cannot write the event log under " + runDir + " (sluice.eventLog.dir): " + e, e);
    }
    this.thread = new Thread(this::run, "sluice-event-log-writer");
    thread.setDaemon(true);
    thread.start();
  }

  public Path runDirectory() {
    return runDir;
  }

  /** Queues one line (without its newline); never blocks. Ignored after {@link #close}. */
  public void append(String jsonLine) {
    if (!closed) {
      queue.add(jsonLine);
    }
  }

  /** Writes what was queued, closes the file and removes the in-progress marker; waits up to 30 s. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(END);
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    MonotonicClock clock = new MonotonicClock();
    long dirtySince = -1;
    try {
      while (true) {
        long wait = dirtySince < 0 ? Long.MAX_VALUE : Math.max(0, dirtySince + flushIntervalMs - clock.currentTimeMillis());
        String line = queue.poll(wait, TimeUnit.MILLISECONDS);
        if (line == END) {
          finish();
          return;
        }
        if (line != null) {
          write(line);
          if (dirtySince < 0) {
            dirtySince = clock.currentTimeMillis();
          }
        }
        if (dirtySince >= 0 && clock.currentTimeMillis() - dirtySince >= flushIntervalMs) {
          flush();
          dirtySince = -1;
        }
      }
    } catch (InterruptedException e) {
      log.warn("The event log writer was interrupted; {} is left in progress", runDir);
    }
  }

  private void write(String line) {
    if (failed) {
      return;
    }
    try {
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      if (fileBytes > 0 && fileBytes + bytes.length > maxFileBytes) {
        out.close();
        openNext();
      }
      out.write(bytes);
      fileBytes += bytes.length;
    } catch (IOException e) {
      fail(e);
    }
  }

  private void flush() {
    if (!failed) {
      try {
        out.hflush();
      } catch (IOException e) {
        fail(e);
      }
    }
  }

  private void finish() {
    if (failed) {
      return;
    }
    try {
      out.close();
      fs.delete(EventLogLayout.marker(runDir), false);
    } catch (IOException e) {
      fail(e);
    }
  }

  private void openNext() throws IOException {
    fileNumber++;
    out = fs.create(EventLogLayout.eventFile(runDir, fileNumber), false);
    fileBytes = 0;
  }

  private void fail(IOException e) {
    failed = true;
    log.error("Cannot write the event log {}; events from now on are not logged: {}", runDir, e.toString());
    try {
      out.close();
    } catch (IOException | RuntimeException ignored) {
      // already failing; the first error is the one reported
    }
  }
}
