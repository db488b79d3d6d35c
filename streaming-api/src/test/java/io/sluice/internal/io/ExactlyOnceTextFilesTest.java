package io.sluice.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.streaming.Durations;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saveAsTextFilesExactlyOnce: a batch's files, a batch written again (fewer partitions, new
 * content), task retries and failures, locally and on HDFS (one MiniDFSCluster for the class).
 */
class ExactlyOnceTextFilesTest {
  @TempDir static Path base;
  @TempDir Path tmp;
  private static MiniDFSCluster hdfs;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    conf.setInt("dfs.replication", 1);
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  private static SluiceContext context() {
    return new SluiceContext(ManualStreaming.conf("local[2]"));
  }

  @Test
  void eachBatchGetsOnePartFilePerPartitionAndASuccessMarker() throws Exception {
    try (ManualStreaming streaming = new ManualStreaming("local[2]", Durations.seconds(1))) {
      streaming.queueOf(List.of(List.of("a", "b", "c"), List.of("d")), 3)
          .saveAsTextFilesExactlyOnce(tmp.resolve("out").toUri().toString(), "txt");
      streaming.start();
      streaming.runBatches(2);
    }
    Path first = tmp.resolve("out-1000.txt");
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001", "part-00002"), visibleNames(first));
    assertEquals(List.of("a", "b", "c"), lines(first));
    assertEquals(List.of("d"), lines(tmp.resolve("out-2000.txt")));
  }

  @Test
  void writingABatchAgainReplacesItsFilesAndRemovesPartitionsItNoLongerHas() throws Exception {
    String dir = tmp.resolve("batch").toUri().toString();
    try (SluiceContext sc = context()) {
      ExactlyOnceTextFiles.write(sc.parallelize(List.of("1", "2", "3", "4"), 4), dir);
      ExactlyOnceTextFiles.write(sc.parallelize(List.of("x", "y"), 2), dir);
    }
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), visibleNames(tmp.resolve("batch")));
    assertEquals(List.of("x", "y"), lines(tmp.resolve("batch")));
  }

  @Test
  void aRetriedTaskLeavesExactlyItsLastAttemptsFile() throws Exception {
    String dir = tmp.resolve("retried").toUri().toString();
    try (SluiceContext sc = context()) {
      ExactlyOnceTextFiles.write(sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 2).map(n -> {
        if (n == 3 && TaskContext.get().attemptNumber() == 0) {
          throw new IllegalStateException("first attempt dies after writing some records");
        }
        return "n" + n;
      }), dir);
    }
    assertEquals(List.of("n1", "n2", "n3", "n4", "n5", "n6"), lines(tmp.resolve("retried")));
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), visibleNames(tmp.resolve("retried")));
    assertFalse(Files.exists(tmp.resolve("retried").resolve(ExactlyOnceTextFiles.TEMPORARY)));
  }

  @Test
  void aTaskThatAlwaysFailsFailsTheOutputOperationAndLeavesNoPartFile() throws Exception {
    try (ManualStreaming streaming = new ManualStreaming("local[2]", Durations.seconds(1))) {
      RecordingListener listener = new RecordingListener();
      streaming.ssc().addStreamingListener(listener);
      streaming.queueOf(List.of(List.of(1, 2, 3)), 1).map(n -> {
        if (n == 2) {
          throw new IllegalArgumentException("bad record " + n);
        }
        return n;
      }).saveAsTextFilesExactlyOnce(tmp.resolve("failing").toUri().toString());
      streaming.start();
      streaming.runBatches(1);
      streaming.ssc().awaitListenerEvents(10_000);
      OutputOperationInfo op = listener.completedOutputOperations().get(0);
      assertTrue(op.failureReason().orElseThrow().contains("bad record 2"), op.toString());
      assertTrue(op.failureReason().orElseThrow().contains("failing-1000"), "the failure names the directory: " + op);
    }
    Path dir = tmp.resolve("failing-1000");
    assertFalse(Files.exists(dir), "a failed first write of a batch leaves no directory behind");
  }

  @Test
  void onHdfsARewriteReplacesTheFilesInPlace() throws Exception {
    String dir = hdfs.getURI() + "/exactly-once/batch-1000";
    try (SluiceContext sc = context()) {
      ExactlyOnceTextFiles.write(sc.parallelize(List.of("old-a", "old-b", "old-c"), 3), dir);
      ExactlyOnceTextFiles.write(sc.parallelize(List.of("new-a", "new-b"), 2), dir);
    }
    FileSystem fs = hdfs.getFileSystem();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
    List<String> names = new ArrayList<>();
    for (var status : fs.listStatus(path)) {
      names.add(status.getPath().getName());
    }
    names.sort(null);
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), names);
    List<String> content = new ArrayList<>();
    for (String part : List.of("part-00000", "part-00001")) {
      try (var in = fs.open(new org.apache.hadoop.fs.Path(path, part))) {
        content.addAll(List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")));
      }
    }
    assertEquals(List.of("new-a", "new-b"), content);
  }

  /** Names in the directory, without checksum files and sorted. */
  private static List<String> visibleNames(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  /** The lines of every part file, in partition order. */
  private static List<String> lines(Path dir) throws IOException {
    List<String> all = new ArrayList<>();
    for (String name : visibleNames(dir)) {
      if (name.startsWith("part-")) {
        all.addAll(Files.readAllLines(dir.resolve(name)));
      }
    }
    return all;
  }
}
