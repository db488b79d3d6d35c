package io.sluice.client.it;

import io.sluice.devcluster.DevCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link DevCluster} (HDFS + YARN) shared by all tests of an {@code *IT} class:
 * <pre>{@code
 * @RegisterExtension
 * static final SharedDevCluster CLUSTER = new SharedDevCluster();
 * }</pre>
 * The cluster starts before the first test of the class and stops after the last. It lives in
 * {@code target/it-clusters/<TestClass>}, uses free ports and declares a silent ApplicationMaster
 * dead after 3 s, so AM-restart tests take seconds rather than minutes.
 */
public final class SharedDevCluster implements BeforeAllCallback, AfterAllCallback {
  /**
   * What tests use for {@code yarn.am.liveness-monitor.expiry-interval-ms}. An AM must register
   * within it after its container starts: 3 s was too short for a JVM starting on two busy cores
   * (attempts "timed out" before registering). Tests kill AMs with SIGKILL, which YARN sees at
   * once, so they do not need a short expiry. 60 s since two IT classes run at a time (failsafe
   * forkCount=2): an AM then starts next to another class's cluster and containers, and under a
   * heavily loaded machine one took over 30 s to register.
   */
  public static final Duration AM_EXPIRY = Duration.ofSeconds(60);

  private final int nodeManagers;
  private final String nodeLabel;
  private int dataNodes = 1;
  private DevCluster cluster;

  public SharedDevCluster() {
    this(2);
  }

  public SharedDevCluster(int nodeManagers) {
    this(nodeManagers, null);
  }

  /** @param nodeLabel the exclusive label of the last NodeManager ({@link DevCluster.Builder#nodeLabel}), or null */
  public SharedDevCluster(int nodeManagers, String nodeLabel) {
    this.nodeManagers = nodeManagers;
    this.nodeLabel = nodeLabel;
  }

  /**
   * Gives the cluster {@code count} DataNodes instead of one ({@link DevCluster.Builder#dataNodes}:
   * with more than one, files have two replicas), for tests that stop DataNodes; call it where the
   * extension is declared: {@code new SharedDevCluster().dataNodes(3)}. Every DataNode is another
   * thread pool in the test JVM, so classes that do not stop any keep the default of one.
   */
  public SharedDevCluster dataNodes(int count) {
    if (cluster != null) {
      throw new IllegalStateException("the cluster is running already");
    }
    this.dataNodes = count;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path workDir = Path.of("target", "it-clusters", context.getRequiredTestClass().getSimpleName());
    DevCluster.Builder builder = DevCluster.builder().workDir(workDir).nodeManagers(nodeManagers)
        .dataNodes(dataNodes).amExpiry(AM_EXPIRY);
    if (nodeLabel != null) {
      builder.nodeLabel(nodeLabel);
    }
    cluster = builder.start();
    System.out.printf("DevCluster for %s started in %d ms (HDFS %s, RM web %s)%n",
        context.getRequiredTestClass().getSimpleName(), cluster.startDuration().toMillis(), cluster.fsUri(),
        cluster.rmWebAddress());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      long start = System.nanoTime();
      cluster.close();
      System.out.printf("DevCluster stopped in %d ms%n", (System.nanoTime() - start) / 1_000_000);
      cluster = null;
    }
  }

  /** The running cluster; only between the class's first and last test. */
  public DevCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("the shared cluster runs only while the test class runs");
    }
    return cluster;
  }

  /** A copy of the cluster's configuration. */
  public Configuration conf() {
    return cluster().conf();
  }

  /**
   * A configuration read only from the conf dir's site files (plus Hadoop's built-in defaults),
   * as a process started with {@code HADOOP_CONF_DIR} sees the cluster.
   */
  public Configuration confFromConfDir() throws IOException {
    YarnConfiguration conf = new YarnConfiguration();
    try (Stream<Path> files = Files.list(cluster().confDir())) {
      files.filter(f -> f.getFileName().toString().endsWith("-site.xml"))
          .forEach(f -> conf.addResource(new org.apache.hadoop.fs.Path(f.toUri())));
    }
    return conf;
  }

  /** The cluster's HDFS; a cached instance, which callers must not close. */
  public FileSystem fs() throws IOException {
    return FileSystem.get(cluster().fsUri(), conf());
  }

  /** A started YarnClient of the cluster; the caller closes it. */
  public YarnClient newYarnClient() {
    return newYarnClient(conf());
  }

  /** A started YarnClient built from {@code conf}; the caller closes it. */
  public static YarnClient newYarnClient(Configuration conf) {
    YarnClient client = YarnClient.createYarnClient();
    client.init(conf);
    client.start();
    return client;
  }

  /**
   * Writes {@code lines} as a UTF-8 text file {@code dir/name} so that it appears whole: written
   * under a hidden temporary name in the same directory (file streams skip names starting with
   * {@code .}), then renamed. Creates {@code dir} if needed.
   */
  public org.apache.hadoop.fs.Path writeTextFileAtomically(String dir, String name, List<String> lines)
      throws IOException {
    FileSystem fs = fs();
    org.apache.hadoop.fs.Path directory = new org.apache.hadoop.fs.Path(dir);
    org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(directory, "." + name + ".tmp");
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(directory, name);
    fs.mkdirs(directory);
    try (OutputStream out = fs.create(temp, true)) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!fs.rename(temp, target)) {
      throw new IOException("could not rename " + temp + " to " + target + " (does it exist already?)");
    }
    return target;
  }

  /**
   * The lines of every {@code part-*} file anywhere under {@code dir}, files in path order; empty
   * when {@code dir} does not exist. Directories being written (under {@code _temporary}) are skipped.
   */
  public List<String> readPartFileLines(String dir) throws IOException {
    FileSystem fs = fs();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    List<String> lines = new ArrayList<>();
    if (!fs.exists(root)) {
      return lines;
    }
    List<org.apache.hadoop.fs.Path> parts = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path path = files.next().getPath();
      if (path.getName().startsWith("part-") && !path.toUri().getPath().contains("/_temporary/")) {
        parts.add(path);
      }
    }
    parts.sort(null);
    for (org.apache.hadoop.fs.Path part : parts) {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(part), StandardCharsets.UTF_8))) {
        reader.lines().forEach(lines::add);
      }
    }
    return lines;
  }
}
