package io.sluice.internal.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log on a real (one-datanode) HDFS, where flushes, visibility and dead writers differ from local files. */
class FileBasedWriteAheadLogHdfsTest {
  @TempDir static Path base;
  private static MiniDFSCluster cluster;
  private static URI hdfs;

  @BeforeAll
  static void startCluster() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    conf.setInt("dfs.replication", 1);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = cluster.getURI();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void recordsRollReadBackAndAreCleaned() {
    String dir = hdfs + "/wal-roundtrip";
    try (FileBasedWriteAheadLog wal = new FileBasedWriteAheadLog(dir, clientConf(), 1000)) {
      List<WalSegment> segments = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        segments.add(wal.write(("r" + i).getBytes(UTF_8), i * 100L)); // a file per 10 records
      }
      for (int i = 0; i < 30; i++) {
        assertEquals("r" + i, new String(wal.read(segments.get(i)), UTF_8));
      }
      assertTrue(segments.get(0).path().startsWith("hdfs://"), segments.get(0).path());
      assertEquals(30, WalTesting.readAll(wal).size());
      wal.clean(2000, true);
      assertEquals(10, WalTesting.readAll(wal).size());
    }
  }

  @Test
  void aWriterThatDiesWithoutClosingLeavesItsFlushedRecordsReadable() throws Exception {
    String dir = hdfs + "/wal-abandoned";
    // The dead writer and the recovering process each get their own client, as two processes would.
    FileSystem writerFs = FileSystem.newInstance(hdfs, clientConf());
    FileSystem readerFs = FileSystem.newInstance(hdfs, clientConf());
    try {
      FileBasedWriteAheadLog dying = new FileBasedWriteAheadLog(writerFs, dir, 60_000);
      List<WalSegment> segments = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        segments.add(dying.write(("before-crash-" + i).getBytes(UTF_8), 5000 + i));
      }
      segments.addAll(dying.writeBatch(List.of("batch-a".getBytes(UTF_8), "batch-b".getBytes(UTF_8)), 5200));
      // Abort the open file the way a killed process leaves it: no close, lease still held.
      ((DistributedFileSystem) writerFs).getClient().closeAllFilesBeingWritten(true);
      org.apache.hadoop.fs.Path abandoned = new org.apache.hadoop.fs.Path(segments.get(0).path());
      assertFalse(((DistributedFileSystem) readerFs).isFileClosed(abandoned), "still under construction");

      try (FileBasedWriteAheadLog recovered = new FileBasedWriteAheadLog(readerFs, dir, 60_000)) {
        List<String> all = WalTesting.readAll(recovered);
        assertEquals(102, all.size());
        assertEquals("before-crash-0", all.get(0));
        assertEquals("batch-b", all.get(101));
        for (int i = 0; i < 100; i++) {
          assertEquals("before-crash-" + i, new String(recovered.read(segments.get(i)), UTF_8));
        }

        WalSegment after = recovered.write("after-restart".getBytes(UTF_8), 5300);
        assertNotEquals(segments.get(0).path(), after.path(), "a new process never appends to the dead one's file");
        FileStatus[] files = readerFs.listStatus(new org.apache.hadoop.fs.Path(dir));
        assertEquals(List.of("log-5000-65000", "log-5300-65300"),
            Arrays.stream(files).map(f -> f.getPath().getName()).sorted().toList());
        List<String> afterRestart = WalTesting.readAll(recovered);
        assertEquals(103, afterRestart.size());
        assertEquals("after-restart", afterRestart.get(102));
      }
    } finally {
      writerFs.close();
      readerFs.close();
    }
  }

  @Test
  void aNewInstanceForTheSameRangeTakesTheNextName() {
    String dir = hdfs + "/wal-same-range";
    try (FileBasedWriteAheadLog first = new FileBasedWriteAheadLog(dir, clientConf(), 1000)) {
      first.write("one".getBytes(UTF_8), 0);
    }
    try (FileBasedWriteAheadLog second = new FileBasedWriteAheadLog(dir, clientConf(), 1000)) {
      WalSegment s = second.write("two".getBytes(UTF_8), 0);
      assertTrue(s.path().endsWith("/log-0-1000.1"), s.path());
      assertEquals(List.of("one", "two"), WalTesting.readAll(second));
    }
  }

  private static Configuration clientConf() {
    return new Configuration(cluster.getConfiguration(0));
  }
}
