package io.sluice.internal.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.testing.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log's files on the local file system: rolling, the in-progress marker, following a live log. */
class EventLogWriterTest {
  @TempDir
  java.nio.file.Path dir;

  private FileSystem fs() throws IOException {
    return FileSystem.getLocal(new Configuration()).getRawFileSystem();
  }

  private static String line(int n) {
    return "{\"event\":\"Test\",\"time\":" + n + ",\"pad\":\"" + "x".repeat(40) + "\"}";
  }

  private static List<Long> times(EventLogReader reader) throws IOException {
    List<Long> times = new ArrayList<>();
    reader.readNew(e -> times.add((Long) e.get("time")));
    return times;
  }

  private static List<Long> timesUnchecked(EventLogReader reader) {
    try {
      return times(reader);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void rollsIntoNumberedFilesAndMarksTheEnd() throws IOException {
    Path run = new Path(dir.toUri().toString(), "app-1");
    EventLogWriter writer = new EventLogWriter(fs(), run, 200, 60_000);
    assertTrue(Files.exists(dir.resolve("app-1/IN_PROGRESS")), "marked in progress from the start");
    for (int i = 1; i <= 20; i++) {
      writer.append(line(i));
    }
    writer.close();
    assertFalse(Files.exists(dir.resolve("app-1/IN_PROGRESS")), "the marker is removed at the end");

    List<java.nio.file.Path> files;
    try (Stream<java.nio.file.Path> list = Files.list(dir.resolve("app-1"))) {
      files = list.sorted().toList();
    }
    // Lines 1-9 are 75 bytes with their newline, 10-20 are 76: two fit in 200 bytes, so 20 lines take 10 files.
    assertEquals(10, files.size(), files.toString());
    assertEquals("events-00001.jsonl", files.get(0).getFileName().toString());
    assertEquals("events-00010.jsonl", files.get(9).getFileName().toString());
    for (java.nio.file.Path f : files) {
      assertTrue(Files.size(f) <= 200, f + " is " + Files.size(f) + " bytes");
      assertTrue(Files.readString(f).endsWith("}\n"), "whole lines only in " + f);
    }
    EventLogReader reader = new EventLogReader(fs(), run);
    assertFalse(reader.inProgress());
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= 20; i++) {
      expected.add(i);
    }
    assertEquals(expected, times(reader));
    assertEquals(List.of(), times(reader), "nothing new on a second read");
  }

  @Test
  void aRunningLogIsReadableAfterTheFlushIntervalAndReadIncrementally() throws Exception {
    Path run = new Path(dir.toUri().toString(), "app-2");
    EventLogWriter writer = new EventLogWriter(fs(), run, 1L << 20, 50);
    try {
      EventLogReader reader = new EventLogReader(fs(), run);
      assertTrue(reader.inProgress());
      writer.append(line(1));
      writer.append(line(2));
      List<Long> seen = new ArrayList<>();
      Eventually.await("the first two lines flushed", 20_000, () -> {
        seen.addAll(timesUnchecked(reader));
        return seen.size() >= 2;
      });
      assertEquals(List.of(1L, 2L), seen);
      writer.append(line(3));
      Eventually.await("the third line", 20_000, () -> {
        seen.addAll(timesUnchecked(reader));
        return seen.size() >= 3;
      });
      assertEquals(List.of(1L, 2L, 3L), seen, "each line once");
    } finally {
      writer.close();
    }
  }

  @Test
  void aTruncatedLastLineIsLeftUntilItIsComplete() throws IOException {
    java.nio.file.Path runDir = Files.createDirectories(dir.resolve("app-3"));
    Files.writeString(runDir.resolve("IN_PROGRESS"), "");
    java.nio.file.Path file = runDir.resolve("events-00001.jsonl");
    String third = line(3);
    Files.writeString(file, line(1) + "\nnot json at all\n" + line(2) + "\n" + third.substring(0, 25),
        StandardCharsets.UTF_8);
    EventLogReader reader = new EventLogReader(fs(), new Path(runDir.toUri().toString()));
    assertEquals(List.of(1L, 2L), times(reader), "the line that is not JSON is skipped, the cut one waits");
    assertEquals(List.of(), times(reader));

    Files.writeString(file, third.substring(25) + "\n" + line(4) + "\n", StandardOpenOption.APPEND);
    assertEquals(List.of(3L, 4L), times(reader), "completed, the cut line is read whole");

    // The writer moved on to a second file: the reader follows it.
    Files.writeString(runDir.resolve("events-00002.jsonl"), line(5) + "\n");
    assertEquals(List.of(5L), times(reader));
  }

  @Test
  void neverOverwritesAnotherRunsLog() throws IOException {
    Path run = new Path(dir.toUri().toString(), "app-4");
    new EventLogWriter(fs(), run, 1000, 1000).close();
    SluiceException e = assertThrows(SluiceException.class, () -> new EventLogWriter(fs(), run, 1000, 1000));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
  }

  @Test
  void runDirectoriesAreNamedByApplicationAndAttempt() {
    assertEquals("application_1700000000000_0001_2", EventLogLayout.runDirectoryName("application_1700000000000_0001", "2"));
    assertEquals("local-17", EventLogLayout.runDirectoryName("local-17", null));
    assertEquals("a_b", EventLogLayout.runDirectoryName("a/b", null));
  }
}
