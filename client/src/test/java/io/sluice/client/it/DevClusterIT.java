package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.devcluster.DevCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dev cluster as another process sees it: through its conf dir, RPC and the RM's REST API. */
class DevClusterIT {
  @RegisterExtension
  static final SharedDevCluster CLUSTER = new SharedDevCluster();

  @Test
  void confDirHoldsTheSiteFilesWithTheClusterAddresses() throws Exception {
    DevCluster cluster = CLUSTER.cluster();
    for (String file : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
      assertTrue(Files.isRegularFile(cluster.confDir().resolve(file)), file);
    }
    Configuration conf = CLUSTER.confFromConfDir();
    assertEquals(cluster.rmAddress(), conf.get("yarn.resourcemanager.address"));
    assertEquals(cluster.conf().get("yarn.resourcemanager.address"), conf.get("yarn.resourcemanager.address"));
    assertEquals(cluster.fsUri().toString(), conf.get("fs.defaultFS"));
    assertEquals("1", conf.get("dfs.replication"));
  }

  @Test
  void yarnClientFromTheConfDirAloneSeesTwoRunningNodeManagers() throws Exception {
    // Otherwise the client could reach the cluster through site files on the test classpath.
    assertNull(getClass().getClassLoader().getResource("yarn-site.xml"));
    assertNull(getClass().getClassLoader().getResource("core-site.xml"));
    try (YarnClient yarn = SharedDevCluster.newYarnClient(CLUSTER.confFromConfDir())) {
      List<NodeReport> nodes = yarn.getNodeReports(NodeState.RUNNING);
      assertEquals(2, nodes.size(), nodes.toString());
      assertEquals(2, yarn.getYarnClusterMetrics().getNumNodeManagers());
    }
  }

  @Test
  void hdfsRoundTripThroughTheConfDir() throws Exception {
    Configuration conf = CLUSTER.confFromConfDir();
    // A fresh (uncached) client, so it is built from the conf dir's settings alone.
    try (FileSystem fs = FileSystem.newInstance(conf)) {
      assertEquals(CLUSTER.cluster().fsUri(), fs.getUri());
      Path written = CLUSTER.writeTextFileAtomically("/it/roundtrip", "words.txt", List.of("to be", "or not"));
      assertTrue(fs.exists(written));
      assertEquals(1, fs.getFileStatus(written).getReplication());
      assertEquals(List.of("to be", "or not"), readLines(fs, written));
    }
  }

  @Test
  void readPartFileLinesReadsEveryPartFileOfATree() throws Exception {
    CLUSTER.writeTextFileAtomically("/it/parts/batch-1000", "part-00000", List.of("a"));
    CLUSTER.writeTextFileAtomically("/it/parts/batch-1000", "part-00001", List.of("b", "c"));
    CLUSTER.writeTextFileAtomically("/it/parts/batch-2000", "part-00000", List.of("d"));
    CLUSTER.writeTextFileAtomically("/it/parts/batch-2000", "_SUCCESS", List.of());
    assertEquals(List.of("a", "b", "c", "d"), CLUSTER.readPartFileLines("/it/parts"));
    assertEquals(List.of(), CLUSTER.readPartFileLines("/it/absent"));
  }

  @Test
  void resourceManagerRestApiAnswers() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(CLUSTER.cluster().rmWebAddress() + "/ws/v1/cluster/info"))
        .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"state\":\"STARTED\""), response.body());
  }

  private static List<String> readLines(FileSystem fs, Path file) throws Exception {
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }
  }
}
