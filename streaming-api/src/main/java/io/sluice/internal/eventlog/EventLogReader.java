package io.sluice.internal.eventlog;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one run's event log: each {@link #readNew} passes on the events written since the last
 * call, so a running application's log is read once, not again on every change. Only lines ending
 * in a newline count: the last line of a log still being written (or of a driver that died
 * mid-write) may be cut short, and is read when it is complete, or never. Not thread-safe.
 */
public final class EventLogReader {
  private static final Logger log = LoggerFactory.getLogger(EventLogReader.class);

  private final FileSystem fs;
  private final Path runDir;
  private int fileNumber = 1;
  private long offset;

  public EventLogReader(FileSystem fs, Path runDir) {
    this.fs = fs;
    this.runDir = runDir;
  }

  public Path runDirectory() {
    return runDir;
  }

  /** Whether the application had not ended (its marker was there) when asked. */
  public boolean inProgress() throws IOException {
    return fs.exists(EventLogLayout.marker(runDir));
  }

  /** Reads the complete lines added since the last call; a line that is not JSON is logged and skipped. */
  public void readNew(Consumer<Map<String, Object>> events) throws IOException {
    TreeMap<Integer, Path> files = new TreeMap<>();
    for (FileStatus status : fs.listStatus(runDir)) {
      OptionalInt number = EventLogLayout.eventFileNumber(status.getPath().getName());
      if (number.isPresent() && number.getAsInt() >= fileNumber) {
        files.put(number.getAsInt(), status.getPath());
      }
    }
    for (Map.Entry<Integer, Path> file : files.entrySet()) {
      if (file.getKey() != fileNumber) {
        fileNumber = file.getKey();
        offset = 0;
      }
      byte[] added = readFrom(file.getValue(), offset);
      int lineStart = 0;
      for (int i = 0; i < added.length; i++) {
        if (added[i] == '\n') {
          parse(new String(added, lineStart, i - lineStart, StandardCharsets.UTF_8), file.getValue(), events);
          lineStart = i + 1;
        }
      }
      offset += lineStart;
      // A later file exists, so the writer has left this one: an unfinished last line stays unfinished.
    }
  }

  private byte[] readFrom(Path file, long from) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (FSDataInputStream in = fs.open(file)) {
      if (from > 0) {
        in.seek(from);
      }
      copy(in, bytes);
    } catch (FileNotFoundException e) {
      log.debug("Event log file {} is gone: {}", file, e.toString());
    }
    return bytes.toByteArray();
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
  }

  @SuppressWarnings("unchecked")
  private static void parse(String line, Path file, Consumer<Map<String, Object>> events) {
    if (line.isBlank()) {
      return;
    }
    Object event;
    try {
      event = JsonParser.parse(line);
    } catch (IllegalArgumentException e) {
      log.warn("Skipping a line of {} that is not JSON: {}", file, e.getMessage());
      return;
    }
    if (event instanceof Map<?, ?> map) {
      events.accept((Map<String, Object>) map);
    } else {
      log.warn("Skipping a line of {} that is not a JSON object", file);
    }
  }
}
