package io.sluice.client.dev;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HDFS and YARN in this JVM, for development and integration tests: a MiniDFSCluster with one
 * datanode and a MiniYARNCluster with one ResourceManager and N NodeManagers (default 2), sized
 * for a two-core machine. {@link Builder#start()} returns a running cluster; {@link #close()}
 * stops it.
 *
 * <p>The cluster's client settings are written to {@link #confDir()} as {@code core-site.xml},
 * {@code hdfs-site.xml} and {@code yarn-site.xml}, so another process reaches it with
 * {@code HADOOP_CONF_DIR=<confDir>}. Its state (HDFS blocks, container dirs and logs) lives under
 * the work dir and is wiped when a cluster starts there again.
 *
 * <p>Starting blocks for roughly 10 s; stopping for about 2 s. Not for concurrent use: one thread
 * starts and closes it, others may call the accessors.
 */
public final class DevCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevCluster.class);
  /** MiniYARNCluster places its dirs under this system property's value, read in its constructor. */
  private static final String TEST_DATA_DIR_PROPERTY = "test.build.data";
  private static final Object TEST_DATA_DIR_LOCK = new Object();

  private final Path workDir;
  private final Path confDir;
  private final DevClusterPorts ports;
  private final MiniDFSCluster dfs;
  private final MiniYARNCluster yarn;
  private final URI fsUri;
  private final Duration startDuration;
  private boolean closed;

  private DevCluster(Builder options) throws IOException {
    long start = System.nanoTime();
    this.workDir = options.workDir.toAbsolutePath().normalize();
    this.confDir = workDir.resolve("conf");
    this.ports = options.ports != null ? options.ports : DevClusterPorts.free();
    this.dfs = startDfs(workDir.resolve("hdfs"), ports);
    try {
      this.fsUri = dfs.getURI();
      SiteConfigs site = SiteConfigs.of(ports, fsUri, options.amExpiry, options.maxAmAttempts);
      this.yarn = startYarn(workDir.resolve("yarn"), options.nodeManagers, site.applyTo(new YarnConfiguration()));
      site.writeTo(confDir);
    } catch (IOException | RuntimeException | Error e) {
      dfs.shutdown();
      throw e;
    }
    this.startDuration = Duration.ofNanos(System.nanoTime() - start);
    log.info("Dev cluster started in {} ms: HDFS {}, ResourceManager {}, NodeManagers: {}, conf dir {}",
        startDuration.toMillis(), fsUri, rmAddress(), options.nodeManagers, confDir);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static MiniDFSCluster startDfs(Path dir, DevClusterPorts ports) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
    conf.setInt("dfs.replication", 1);
    return new MiniDFSCluster.Builder(conf)
        .numDataNodes(1)
        .nameNodePort(ports.nameNode())
        .nameNodeHttpPort(ports.nameNodeHttp())
        .build();
  }

  private static MiniYARNCluster startYarn(Path dir, int nodeManagers, Configuration conf) throws IOException {
    MiniYARNCluster cluster;
    // The property is global; it is set only for the constructor, which is the one reader.
    synchronized (TEST_DATA_DIR_LOCK) {
      String previous = System.getProperty(TEST_DATA_DIR_PROPERTY);
      System.setProperty(TEST_DATA_DIR_PROPERTY, dir.toString());
      try {
        cluster = new MiniYARNCluster("sluice-dev", nodeManagers, 1, 1);
      } finally {
        if (previous == null) {
          System.clearProperty(TEST_DATA_DIR_PROPERTY);
        } else {
          System.setProperty(TEST_DATA_DIR_PROPERTY, previous);
        }
      }
    }
    cluster.init(conf);
    cluster.start();
    try {
      if (!cluster.waitForNodeManagersToConnect(30_000)) {
        throw new IOException(nodeManagers + " NodeManagers did not register with the ResourceManager within 30 s");
      }
    } catch (IOException | RuntimeException | Error e) {
      cluster.stop();
      throw e;
    } catch (Exception e) {
      cluster.stop();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("Waiting for the NodeManagers failed", e);
    }
    return cluster;
  }

  /** A copy of the configuration the cluster runs with (the written site files are a subset). */
  public Configuration conf() {
    return new YarnConfiguration(yarn.getConfig());
  }

  /** The directory holding core-site.xml, hdfs-site.xml and yarn-site.xml: a HADOOP_CONF_DIR. */
  public Path confDir() {
    return confDir;
  }

  public Path workDir() {
    return workDir;
  }

  public DevClusterPorts ports() {
    return ports;
  }

  /** The default file system, {@code hdfs://localhost:<port>}. */
  public URI fsUri() {
    return fsUri;
  }

  /** The ResourceManager's client RPC address, {@code host:port}. */
  public String rmAddress() {
    return SiteConfigs.HOST + ":" + ports.resourceManager();
  }

  /** The ResourceManager's web UI and REST API, {@code http://host:port}. */
  public String rmWebAddress() {
    return "http://" + SiteConfigs.HOST + ":" + ports.webapp();
  }

  /** How long {@link Builder#start()} took. */
  public Duration startDuration() {
    return startDuration;
  }

  /** Stops YARN, then HDFS. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    try {
      yarn.stop();
    } finally {
      dfs.shutdown();
    }
    log.info("Dev cluster stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  /** Options of a cluster; {@link #start()} starts one. */
  public static final class Builder {
    private Path workDir = Path.of("target", "sluice-dev-cluster");
    private int nodeManagers = 2;
    private DevClusterPorts ports;
    private Duration amExpiry = Duration.ofSeconds(10);
    private int maxAmAttempts = 4;

    private Builder() {}

    /** Where the cluster keeps its state and conf dir; default {@code target/sluice-dev-cluster}. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** How many NodeManagers, at least 1; default 2. */
    public Builder nodeManagers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("at least one NodeManager is needed, got " + count);
      }
      this.nodeManagers = count;
      return this;
    }

    /** Uses ports {@code base} to {@code base + 6} (see {@link DevClusterPorts#startingAt}); default: free ports. */
    public Builder basePort(int base) {
      this.ports = DevClusterPorts.startingAt(base);
      return this;
    }

    /**
     * After how long without a heartbeat the ResourceManager declares an ApplicationMaster dead
     * and starts its next attempt ({@code yarn.am.liveness-monitor.expiry-interval-ms}); default
     * 10 s, where YARN's own default is 10 min.
     */
    public Builder amExpiry(Duration interval) {
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException("AM expiry interval must be positive, got " + interval);
      }
      this.amExpiry = interval;
      return this;
    }

    /** The most ApplicationMaster attempts an application may ask for; default 4. */
    public Builder maxAmAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("max AM attempts must be positive, got " + attempts);
      }
      this.maxAmAttempts = attempts;
      return this;
    }

    /** Starts HDFS, then YARN, and writes the conf dir; blocks until every NodeManager has registered. */
    public DevCluster start() throws IOException {
      return new DevCluster(this);
    }
  }
}
