package io.sluice.internal.eventlog;

import java.io.IOException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where one application run's event log lives: a directory per run under {@code sluice.eventLog.dir}
 * holding numbered files of JSON lines ({@code events-00001.jsonl}, ...) and, while the run is
 * going, an empty {@value #IN_PROGRESS} marker, deleted when the application ends. A directory and
 * a marker file (rather than renaming the log) keep the files' names stable while a reader follows them.
 */
public final class EventLogLayout {
  public static final String IN_PROGRESS = "IN_PROGRESS";
  private static final Pattern EVENT_FILE = Pattern.compile("events-(\\d+)\\.jsonl");

  private EventLogLayout() {}

  /**
   * The file system of {@code dir}; on the local disk the raw one, because the checksummed local file
   * system writes whole checksum chunks only, so an hflushed line would not be readable while the
   * application runs (and readers would warn about the checksums of files still being written).
   */
  public static FileSystem fileSystem(Path dir, Configuration hadoopConf) throws IOException {
    FileSystem fs = dir.getFileSystem(hadoopConf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /** {@code appId}, plus {@code _attempt} on YARN, made safe as a path name. */
  public static String runDirectoryName(String appId, String attemptId) {
    String name = attemptId == null ? appId : appId + "_" + attemptId;
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static Path eventFile(Path runDir, int number) {
    return new Path(runDir, String.format(Locale.ROOT, "events-%05d.jsonl", number));
  }

  static Path marker(Path runDir) {
    return new Path(runDir, IN_PROGRESS);
  }

  /** The file's number, or empty when it is not an event file. */
  static OptionalInt eventFileNumber(String fileName) {
    Matcher m = EVENT_FILE.matcher(fileName);
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }
}
