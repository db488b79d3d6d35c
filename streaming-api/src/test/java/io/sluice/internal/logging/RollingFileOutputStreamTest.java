package io.sluice.internal.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingFileOutputStreamTest {
  @TempDir Path dir;

  @Test
  void rollsBySizeKeepingTheNewestFilesAndWholeLines() throws Exception {
    Path file = dir.resolve("stdout");
    try (PrintStream out = new PrintStream(new RollingFileOutputStream(file, 100, 3), true, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 100; i++) {
        out.println(String.format("line %03d of the driver's print()", i)); // 30 bytes: 3 lines per file
      }
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of("stdout", "stdout.1", "stdout.2"), files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    List<String> kept = new ArrayList<>();
    for (String name : List.of("stdout.2", "stdout.1", "stdout")) {
      assertTrue(Files.size(dir.resolve(name)) <= 100, name);
      kept.addAll(Files.readAllLines(dir.resolve(name)));
    }
    assertEquals("line 099 of the driver's print()", kept.get(kept.size() - 1));
    for (int i = 1; i < kept.size(); i++) {
      int previous = Integer.parseInt(kept.get(i - 1).substring(5, 8));
      assertEquals(previous + 1, Integer.parseInt(kept.get(i).substring(5, 8)), "consecutive, whole lines: " + kept);
    }
    assertFalse(kept.contains("line 000 of the driver's print()"), "the oldest output is dropped");
  }

  @Test
  void aReopenedFileCountsWhatItAlreadyHolds() throws Exception {
    Path file = dir.resolve("stderr");
    Files.writeString(file, "x".repeat(90));
    try (RollingFileOutputStream out = new RollingFileOutputStream(file, 100, 2)) {
      out.write("twenty bytes, almost".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(90, Files.size(dir.resolve("stderr.1")));
    assertEquals(20, Files.size(file));
  }
}
