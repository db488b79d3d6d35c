package io.sluice.internal.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log while a DataNode dies and comes back (three DataNodes, replication 2, as on a
 * small production cluster): a DataNode of the open file's pipeline is stopped mid-stream, writes go
 * on through HDFS's pipeline recovery (with hflush and hsync alike), and every record written before,
 * during and after reads back exactly once, in order, also after the DataNode restarted.
 */
@Timeout(120)
class WalDataNodeFailureTest {
  @TempDir static Path base;
  private static MiniDFSCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    conf.setInt("dfs.replication", 2);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(3).build();
    cluster.waitActive();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void writesGoOnThroughADataNodeStoppedMidStreamAndNothingIsLost() throws Exception {
    for (WalDurability durability : WalDurability.values()) {
      String dir = cluster.getURI() + "/wal-dn-" + durability;
      List<String> written = new ArrayList<>();
      try (FileBasedWriteAheadLog wal = new FileBasedWriteAheadLog(dir, new Configuration(cluster.getConfiguration(0)),
          60_000, durability)) {
        writeRecords(wal, written, 0, 50);
        // Stop a DataNode holding the open file's current block: the client must rebuild its pipeline.
        int victim = pipelineDataNode(dir);
        MiniDFSCluster.DataNodeProperties stopped = cluster.stopDataNode(victim);
        writeRecords(wal, written, 50, 100);
        assertEquals(written, WalTesting.readAll(wal), durability + ": readable while a DataNode is down");
        cluster.restartDataNode(stopped, true);
        cluster.waitActive();
        writeRecords(wal, written, 100, 150);
      }
      try (FileBasedWriteAheadLog reader = new FileBasedWriteAheadLog(dir, new Configuration(cluster.getConfiguration(0)),
          60_000)) {
        assertEquals(written, WalTesting.readAll(reader), durability + ": every record once, in order");
      }
    }
  }

  private static void writeRecords(FileBasedWriteAheadLog wal, List<String> written, int from, int to) {
    for (int i = from; i < to; i++) {
      String record = "record-" + i + "-" + "x".repeat(i % 37);
      wal.write(record.getBytes(UTF_8), 1_000 + i);
      written.add(record);
    }
  }

  /** The index of a DataNode in the pipeline of the open log file's last block. */
  private static int pipelineDataNode(String dir) throws Exception {
    org.apache.hadoop.fs.Path open = cluster.getFileSystem().listStatus(new org.apache.hadoop.fs.Path(dir))[0].getPath();
    DatanodeInfo[] pipeline = cluster.getFileSystem().getClient()
        .getLocatedBlocks(open.toUri().getPath(), 0).getLastLocatedBlock().getLocations();
    for (int i = 0; i < cluster.getDataNodes().size(); i++) {
      DataNode dn = cluster.getDataNodes().get(i);
      for (DatanodeInfo member : pipeline) {
        if (member.getXferPort() == dn.getXferPort()) {
          return i;
        }
      }
    }
    throw new AssertionError("no DataNode of the pipeline " + java.util.Arrays.toString(pipeline) + " is running");
  }
}
