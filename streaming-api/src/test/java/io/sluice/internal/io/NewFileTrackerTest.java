package io.sluice.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewFileTrackerTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir
  java.nio.file.Path tmp;

  private java.nio.file.Path dir;
  private String dirUri;
  private FileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectory(tmp.resolve("in"));
    dirUri = dir.toUri().toString();
    fs = FileSystem.getLocal(new Configuration());
  }

  private String file(String name, long modTime) throws IOException {
    java.nio.file.Path file = dir.resolve(name);
    Files.writeString(file, name + "\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modTime));
    return uri(file);
  }

  private static String uri(java.nio.file.Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri()).toString();
  }

  private NewFileTracker started(long rememberMs) {
    NewFileTracker tracker = new NewFileTracker(dirUri, rememberMs, null);
    tracker.initialize(fs);
    return tracker;
  }

  @Test
  void filesPresentAtStartAreIgnored() throws IOException {
    file("old.txt", T0);
    NewFileTracker tracker = started(60_000);
    String fresh = file("new.txt", T0 + 1000);
    assertEquals(List.of(fresh), tracker.findNewFiles(fs, 1000));
  }

  @Test
  void newFilesAreFoundOnceInModificationTimeThenNameOrder() throws IOException {
    NewFileTracker tracker = started(60_000);
    String b = file("b", T0 + 10);
    String a = file("a", T0 + 10);
    String c = file("c", T0 + 5);
    assertEquals(List.of(c, a, b), tracker.findNewFiles(fs, 1000));
    assertEquals(List.of(), tracker.findNewFiles(fs, 2000));
    String d = file("d", T0 + 20);
    assertEquals(List.of(d), tracker.findNewFiles(fs, 3000));
  }

  @Test
  void hiddenAndTemporaryFilesAreIgnoredUntilRenamed() throws IOException {
    NewFileTracker tracker = started(60_000);
    file(".hidden", T0);
    file("_meta", T0);
    file("data.txt._COPYING_", T0);
    file("upload.tmp", T0);
    assertEquals(List.of(), tracker.findNewFiles(fs, 1000));
    Files.move(dir.resolve("data.txt._COPYING_"), dir.resolve("data.txt"));
    assertEquals(List.of(uri(dir.resolve("data.txt"))), tracker.findNewFiles(fs, 2000));
  }

  @Test
  void nestedDirectoriesAreIgnored() throws IOException {
    NewFileTracker tracker = started(60_000);
    java.nio.file.Path nested = Files.createDirectory(dir.resolve("nested"));
    Files.writeString(nested.resolve("inner.txt"), "x");
    String top = file("top.txt", T0);
    assertEquals(List.of(top), tracker.findNewFiles(fs, 1000));
  }

  @Test
  void touchedOrRenamedBackFileIsNotProcessedTwice() throws IOException {
    NewFileTracker tracker = started(60_000);
    String a = file("a", T0);
    assertEquals(List.of(a), tracker.findNewFiles(fs, 1000));
    Files.setLastModifiedTime(dir.resolve("a"), FileTime.fromMillis(T0 + 5000));
    assertEquals(List.of(), tracker.findNewFiles(fs, 2000));
    java.nio.file.Path away = Files.createDirectory(tmp.resolve("elsewhere")).resolve("a");
    Files.move(dir.resolve("a"), away);
    assertEquals(List.of(), tracker.findNewFiles(fs, 3000));
    Files.move(away, dir.resolve("a"));
    assertEquals(List.of(), tracker.findNewFiles(fs, 4000));
  }

  @Test
  void memoryStaysBoundedAndForgottenFilesAreNeverSelectedAgain() throws IOException {
    NewFileTracker tracker = started(10_000);
    int total = 0;
    for (int batch = 0; batch < 50; batch++) {
      for (int i = 0; i < 10; i++) {
        file("f-" + batch + "-" + i, T0 + batch * 1000L + i);
      }
      total += tracker.findNewFiles(fs, batch * 1000L).size();
      assertTrue(tracker.rememberedFileCount() <= 120, "remembered " + tracker.rememberedFileCount());
    }
    assertEquals(500, total);
    // Files from batch 0 are long forgotten; touching nothing, they stay ignored.
    assertEquals(List.of(), tracker.findNewFiles(fs, 100_000));
    // A new file older than the remember window is ignored too.
    file("late-arrival", T0);
    assertEquals(List.of(), tracker.findNewFiles(fs, 101_000));
  }

  @Test
  void filterSeesQualifiedPaths() throws IOException {
    NewFileTracker tracker = new NewFileTracker(dirUri, 60_000, path -> path.endsWith(".csv"));
    tracker.initialize(fs);
    String csv = file("x.csv", T0);
    file("x.json", T0);
    assertEquals(List.of(csv), tracker.findNewFiles(fs, 1000));
  }

  @Test
  void remembersFilesPerBatchUntilForgotten() throws IOException {
    NewFileTracker tracker = started(60_000);
    String a = file("a", T0);
    assertEquals(List.of(a), tracker.findNewFiles(fs, 1000));
    String b = file("b", T0 + 1);
    assertEquals(List.of(b), tracker.findNewFiles(fs, 2000));
    // Asking again for a remembered batch gives the same answer and does not pick up new files.
    file("c", T0 + 2);
    assertEquals(List.of(a), tracker.findNewFiles(fs, 1000));
    assertEquals(Map.of(1000L, List.of(a), 2000L, List.of(b)), tracker.filesByBatch());
    tracker.forgetBatchesBefore(2000);
    assertEquals(Map.of(2000L, List.of(b)), tracker.filesByBatch());
  }

  @Test
  void stateSurvivesSerialization() throws Exception {
    NewFileTracker tracker = new NewFileTracker(dirUri, 60_000, path -> !path.endsWith(".skip"));
    tracker.initialize(fs);
    String a = file("a", T0);
    assertEquals(List.of(a), tracker.findNewFiles(fs, 1000));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(tracker);
    }
    NewFileTracker restored;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (NewFileTracker) in.readObject();
    }
    assertEquals(tracker.filesByBatch(), restored.filesByBatch());
    file("b.skip", T0 + 1);
    String c = file("c", T0 + 2);
    assertEquals(List.of(c), restored.findNewFiles(fs, 2000));
  }

  @Test
  void missingDirectoryIsReported() throws IOException {
    NewFileTracker tracker = started(60_000);
    Files.delete(dir);
    SluiceException e = assertThrows(SluiceException.class, () -> tracker.findNewFiles(fs, 1000));
    assertEquals("File stream directory " + dirUri + " does not exist", e.getMessage());
    e = assertThrows(SluiceException.class, () -> NewFileTracker.checkDirectory(fs, dirUri));
    assertEquals("File stream directory " + dirUri + " does not exist", e.getMessage());
  }

  @Test
  void checkDirectoryRejectsPlainFiles() throws IOException {
    String plain = file("plain", T0);
    SluiceException e = assertThrows(SluiceException.class, () -> NewFileTracker.checkDirectory(fs, plain));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    NewFileTracker.checkDirectory(fs, dirUri);
  }

  @Test
  void mustBeInitializedFirst() {
    NewFileTracker tracker = new NewFileTracker(dirUri, null);
    assertEquals(NewFileTracker.DEFAULT_REMEMBER_MS, tracker.rememberMs());
    assertThrows(IllegalStateException.class, () -> tracker.findNewFiles(fs, 1000));
  }
}
