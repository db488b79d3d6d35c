package io.sluice.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.util.Iterators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFilesTest {
  private static SluiceContext sc;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    sc = new SluiceContext(new SluiceConf(false).setMaster("local[2]").setAppName("test").set("sluice.ui.enabled", "false"));
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.close();
    }
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void writesOneFilePerPartitionAndReadsThemBack() {
    RDD<Integer> rdd = sc.parallelize(range(30), 3).map(x -> x * 2);
    String dir = CheckpointFiles.writeRdd(rdd, tmp.toUri().toString());
    assertTrue(dir.endsWith("/rdd-" + rdd.id()), dir);
    for (int i = 0; i < 3; i++) {
      assertTrue(Files.exists(tmp.resolve("rdd-" + rdd.id()).resolve(CheckpointFiles.partFileName(i))));
    }
    List<Integer> partition1 = Iterators.toList(CheckpointFiles.readPartition(dir, 1, driverEnv()));
    assertEquals(IntStream.range(10, 20).map(x -> x * 2).boxed().collect(Collectors.toList()), partition1);
  }

  @Test
  void emptyPartitionsRoundTrip() {
    RDD<String> rdd = sc.parallelize(List.of("only"), 3);
    String dir = CheckpointFiles.writeRdd(rdd, tmp.toUri().toString());
    assertEquals(List.of(), Iterators.toList(CheckpointFiles.readPartition(dir, 0, driverEnv())));
    assertEquals(List.of("only"), Iterators.toList(CheckpointFiles.readPartition(dir, 2, driverEnv())));
  }

  @Test
  void staleDirectoryIsReplaced() throws IOException {
    RDD<Integer> rdd = sc.parallelize(range(4), 2);
    Path stale = Files.createDirectories(tmp.resolve("rdd-" + rdd.id()));
    Files.writeString(stale.resolve("part-00007"), "stale");
    String dir = CheckpointFiles.writeRdd(rdd, tmp.toString());
    assertFalse(Files.exists(stale.resolve("part-00007")));
    assertEquals(List.of(2, 3), Iterators.toList(CheckpointFiles.readPartition(dir, 1, driverEnv())));
  }

  @Test
  void missingFileIsReported() {
    String dir = tmp.toUri().toString();
    SluiceException e = assertThrows(SluiceException.class,
        () -> CheckpointFiles.readPartition(dir, 4, Internals.context().driverEnv(sc)));
    assertTrue(e.getMessage().contains("part-00004") && e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void corruptFilesAreReported() throws IOException {
    RDD<String> rdd = sc.parallelize(List.of("a", "b", "c"), 1);
    String good = CheckpointFiles.writeRdd(rdd, tmp.resolve("good").toString());
    byte[] bytes = Files.readAllBytes(tmp.resolve("good/rdd-" + rdd.id() + "/part-00000"));
    Files.writeString(tmp.resolve("part-00000"), "not a checkpoint file at all");
    Files.write(tmp.resolve("part-00001"), new byte[0]);
    Files.write(tmp.resolve("part-00002"), Arrays.copyOf(bytes, bytes.length - 1));
    byte[] lostRecord = bytes.clone();
    lostRecord[lostRecord.length - 5] = 2; // the footer's count, a big-endian long before the 4-byte end mark: 3 -> 2
    Files.write(tmp.resolve("part-00003"), lostRecord);

    String dir = tmp.toUri().toString();
    for (int partition = 0; partition < 4; partition++) {
      int p = partition;
      SluiceException e = assertThrows(SluiceException.class,
          () -> Iterators.toList(CheckpointFiles.readPartition(dir, p, Internals.context().driverEnv(sc))));
      assertTrue(e.getMessage().contains("part-0000" + p) && e.getMessage().contains("corrupt"), e.getMessage());
    }
    assertEquals(List.of("a", "b", "c"), Iterators.toList(CheckpointFiles.readPartition(good, 0, driverEnv())));
  }

  @Test
  void rddCheckpointReadsFromFiles() {
    sc.setCheckpointDir(tmp.toUri().toString());
    RDD<Integer> rdd = sc.parallelize(range(10), 2).map(x -> x + 1);
    rdd.checkpoint();
    assertEquals(10, rdd.count());
    assertTrue(rdd.isCheckpointed());
    assertTrue(Internals.rdd().dependencies(rdd).isEmpty());
    assertEquals(IntStream.rangeClosed(1, 10).boxed().collect(Collectors.toList()), rdd.collect());
    // setCheckpointDir uses a fresh subdirectory per context, so contexts never share rdd-N names.
    java.nio.file.Path contextDir = java.nio.file.Paths.get(java.net.URI.create(sc.checkpointDir().orElseThrow()));
    assertEquals(tmp, contextDir.getParent());
    assertTrue(Files.exists(contextDir.resolve("rdd-" + rdd.id()).resolve("part-00001")));
  }

  private ExecutorEnv driverEnv() {
    return Internals.context().driverEnv(sc);
  }
}
