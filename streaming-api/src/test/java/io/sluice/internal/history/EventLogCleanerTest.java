package io.sluice.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.config.ConfigOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which event logs the history server's cleaner deletes: ended runs last written before maxAge, nothing else. */
class EventLogCleanerTest {
  private static final long DAY = 86_400_000L;
  private static final long NOW = 1_800_000_000_000L;

  @TempDir
  Path logDir;

  private void run(String name, long lastWrittenMs, boolean inProgress, long dirWrittenMs) throws Exception {
    Path dir = Files.createDirectories(logDir.resolve(name));
    Path events = Files.writeString(dir.resolve("events-1.jsonl"), "{}\n");
    Files.setLastModifiedTime(events, FileTime.fromMillis(lastWrittenMs));
    if (inProgress) {
      Files.setLastModifiedTime(Files.createFile(dir.resolve("IN_PROGRESS")), FileTime.fromMillis(lastWrittenMs));
    }
    Files.setLastModifiedTime(dir, FileTime.fromMillis(dirWrittenMs));
  }

  @Test
  void deletesOnlyEndedRunsLastWrittenLongerAgoThanMaxAge() throws Exception {
    run("app_1_1", NOW - 10 * DAY, false, NOW - 10 * DAY);   // ended 10 days ago
    run("app_2_1", NOW - 10 * DAY, true, NOW - 10 * DAY);    // still marked running
    run("app_3_1", NOW - DAY, false, NOW - DAY);             // ended yesterday
    run("app_4_1", NOW - DAY, false, NOW - 10 * DAY);        // an old directory with a recent file
    FileSystem fs = FileSystem.getLocal(new Configuration());
    EventLogCleaner cleaner = new EventLogCleaner(fs, new org.apache.hadoop.fs.Path(logDir.toUri()),
        ConfigOptions.parseDurationMs("7d"));

    assertEquals(List.of("app_1_1"), cleaner.clean(NOW));
    Set<String> left = new TreeSet<>();
    try (var dirs = Files.list(logDir)) {
      dirs.forEach(d -> left.add(d.getFileName().toString()));
    }
    assertEquals(Set.of("app_2_1", "app_3_1", "app_4_1"), left);
    assertTrue(cleaner.clean(NOW).isEmpty(), "nothing more to delete");
    assertEquals(List.of("app_3_1", "app_4_1"), new TreeSet<>(cleaner.clean(NOW + 7 * DAY)).stream().toList(),
        "a week later the runs that ended then go too; the running one stays");
  }
}
