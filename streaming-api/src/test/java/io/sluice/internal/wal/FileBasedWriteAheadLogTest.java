package io.sluice.internal.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBasedWriteAheadLogTest {
  @TempDir Path dir;

  private FileBasedWriteAheadLog open(long rollingIntervalMs) {
    return new FileBasedWriteAheadLog(dir.toUri().toString(), new Configuration(), rollingIntervalMs);
  }

  @Test
  void recordsReadBackBySegmentAndAfterReopening() {
    List<WalSegment> segments = new ArrayList<>();
    try (FileBasedWriteAheadLog wal = open(60_000)) {
      for (int i = 0; i < 50; i++) {
        segments.add(wal.write(bytes("record-" + i), 1000 + i));
      }
      segments.add(wal.write(new byte[0], 2000));
      for (int i = 0; i < 50; i++) {
        assertEquals("record-" + i, string(wal.read(segments.get(i))));
      }
      assertEquals(51, wal.flushCount());
    }
    try (FileBasedWriteAheadLog reopened = open(60_000)) {
      assertEquals("record-7", string(reopened.read(segments.get(7))));
      assertEquals(0, reopened.read(segments.get(50)).length);
      assertEquals(51, WalTesting.readAll(reopened).size());
    }
    assertEquals(List.of(), crcFiles(), "the raw local file system writes no .crc side files");
  }

  @Test
  void rollsToANewFileWhenARecordIsPastTheCurrentRange() throws IOException {
    try (FileBasedWriteAheadLog wal = open(1000)) {
      wal.write(bytes("a"), 0);
      wal.write(bytes("b"), 500);
      wal.write(bytes("c"), 999);
      wal.write(bytes("d"), 1000);
      wal.write(bytes("e"), 400); // earlier than the current file's start: stays in it
      wal.write(bytes("f"), 2500);
      wal.write(bytes("g"), 3499);
      assertEquals(List.of("log-0-1000", "log-1000-2000", "log-2500-3500"), fileNames());
      assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), WalTesting.readAll(wal));
    }
  }

  @Test
  void aNewInstanceWritesANewFileAndReadAllKeepsFileOrder() throws IOException {
    try (FileBasedWriteAheadLog first = open(1000)) {
      first.write(bytes("first-1"), 5000);
      first.write(bytes("first-2"), 5100);
    }
    long sizeBefore = Files.size(dir.resolve("log-5000-6000"));
    try (FileBasedWriteAheadLog second = open(1000)) {
      second.write(bytes("second-1"), 5000);
      second.write(bytes("second-2"), 4000); // earlier than the file's start: stays in the current file
      assertEquals(List.of("log-5000-6000", "log-5000-6000.1"), fileNames());
      assertEquals(sizeBefore, Files.size(dir.resolve("log-5000-6000")), "the earlier file is never appended to");
      second.write(bytes("second-3"), 7000);
    }
    try (FileBasedWriteAheadLog third = open(1000)) {
      third.write(bytes("third-1"), 4000);
      // Oldest file first; files of one range in the order they were created.
      assertEquals(List.of("third-1", "first-1", "first-2", "second-1", "second-2", "second-3"),
          WalTesting.readAll(third));
    }
  }

  @Test
  void cleanDeletesOnlyFilesEndingAtOrBeforeTheThreshold() throws Exception {
    try (FileBasedWriteAheadLog wal = open(1000)) {
      for (long t = 0; t < 5000; t += 1000) {
        wal.write(bytes("at-" + t), t);
      }
      wal.clean(2000, true);
      assertEquals(List.of("log-2000-3000", "log-3000-4000", "log-4000-5000"), fileNames());
      wal.clean(3500, false);
      WalTesting.await(() -> fileNames().size() == 2);
      assertEquals(List.of("log-3000-4000", "log-4000-5000"), fileNames());
      wal.clean(10_000, true);
      assertEquals(List.of("log-4000-5000"), fileNames(), "the file being written is kept");
      assertEquals(List.of("at-4000"), WalTesting.readAll(wal));
    }
  }

  @Test
  void aTornTailEndsItsFileAndTheNextFileIsStillRead() throws IOException {
    try (FileBasedWriteAheadLog wal = open(1000)) {
      wal.write(bytes("one"), 0);
      wal.write(bytes("two"), 1);
      wal.write(bytes("three-is-longer"), 2);
      wal.write(bytes("next-file"), 1000);
    }
    try (RandomAccessFile file = new RandomAccessFile(dir.resolve("log-0-1000").toFile(), "rw")) {
      file.setLength(file.length() - 3); // the writer died in the middle of "three-is-longer"
    }
    try (FileBasedWriteAheadLog wal = open(1000)) {
      assertEquals(List.of("one", "two", "next-file"), WalTesting.readAll(wal));
    }
  }

  @Test
  void garbageAfterTheLastRecordIsSkipped() throws IOException {
    WalSegment last;
    try (FileBasedWriteAheadLog wal = open(1000)) {
      wal.write(bytes("one"), 0);
      last = wal.write(bytes("two"), 1);
    }
    for (int garbage : new int[] {3, 8, 40}) {
      byte[] junk = new byte[garbage];
      for (int i = 0; i < garbage; i++) {
        junk[i] = (byte) (i * 37 + 11);
      }
      Files.write(dir.resolve("log-0-1000"), junk, java.nio.file.StandardOpenOption.APPEND);
      try (FileBasedWriteAheadLog wal = open(1000)) {
        assertEquals(List.of("one", "two"), WalTesting.readAll(wal));
        assertEquals("two", string(wal.read(last)));
      }
    }
  }

  @Test
  void readingACorruptOrWrongSegmentFailsNamingTheFileAndOffset() throws IOException {
    WalSegment first;
    WalSegment second;
    try (FileBasedWriteAheadLog wal = open(1000)) {
      first = wal.write(bytes("first record"), 0);
      second = wal.write(bytes("second record"), 0);
    }
    try (RandomAccessFile file = new RandomAccessFile(dir.resolve("log-0-1000").toFile(), "rw")) {
      file.seek(second.offset() + WalFrames.HEADER_BYTES + 2);
      file.write('X');
    }
    try (FileBasedWriteAheadLog wal = open(1000)) {
      assertEquals("first record", string(wal.read(first)));
      SluiceException corrupt = assertThrows(SluiceException.class, () -> wal.read(second));
      assertTrue(corrupt.getMessage().contains("log-0-1000"), corrupt.getMessage());
      assertTrue(corrupt.getMessage().contains("offset " + second.offset()), corrupt.getMessage());
      assertTrue(corrupt.getMessage().contains("checksum"), corrupt.getMessage());
      assertEquals(List.of("first record"), WalTesting.readAll(wal));

      WalSegment wrongLength = new WalSegment(first.path(), first.offset(), first.length() + 1);
      assertThrows(SluiceException.class, () -> wal.read(wrongLength));
      WalSegment pastTheEnd = new WalSegment(first.path(), 10_000, 5);
      assertThrows(SluiceException.class, () -> wal.read(pastTheEnd));
      WalSegment missing = new WalSegment(first.path() + "-gone", 0, 5);
      SluiceException gone = assertThrows(SluiceException.class, () -> wal.read(missing));
      assertTrue(gone.getMessage().contains("log-0-1000-gone"), gone.getMessage());
    }
  }

  @Test
  void writesAfterCloseFail() {
    FileBasedWriteAheadLog wal = open(1000);
    wal.write(bytes("x"), 0);
    wal.close();
    wal.close();
    assertThrows(SluiceException.class, () -> wal.write(bytes("y"), 1));
    assertThrows(SluiceException.class, () -> open(0));
  }

  @Test
  void unrelatedFilesInTheDirectoryAreIgnored() throws IOException {
    Files.writeString(dir.resolve("README"), "not a log");
    Files.writeString(dir.resolve("log-abc-def"), "not a log either");
    try (FileBasedWriteAheadLog wal = open(1000)) {
      wal.write(bytes("only"), 0);
      wal.clean(Long.MAX_VALUE, true);
      assertEquals(List.of("only"), WalTesting.readAll(wal));
    }
    assertTrue(Files.exists(dir.resolve("README")));
    assertFalse(WalFileName.parse("log-abc-def").isPresent());
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("log-")).sorted().toList();
    }
  }

  private List<String> crcFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".crc")).toList();
    } catch (IOException e) {
      throw new SluiceException("Cannot list " + dir, e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, UTF_8);
  }
}
