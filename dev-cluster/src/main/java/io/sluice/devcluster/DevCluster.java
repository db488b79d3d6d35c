package io.sluice.devcluster;

import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HDFS and YARN in this JVM, for development and integration tests: a MiniDFSCluster with one
 * DataNode (or more, {@link Builder#dataNodes}) and a MiniYARNCluster with one ResourceManager and
 * N NodeManagers (default 2), sized for a two-core machine. {@link Builder#start()} returns a
 * running cluster; {@link #close()} stops it.
 *
 * <p>The cluster's client settings are written to {@link #confDir()} as {@code core-site.xml},
 * {@code hdfs-site.xml} and {@code yarn-site.xml}, so another process reaches it with
 * {@code HADOOP_CONF_DIR=<confDir>}. Its state (HDFS blocks, container dirs and logs) lives under
 * the work dir and is wiped when a cluster starts there again.
 *
 * <p>Storage faults for tests: {@link #stopDataNode}, {@link #restartDataNode} and
 * {@link #restartNameNode} break HDFS under running applications and bring it back as it was.
 * HDFS clients configured from the conf dir (applications, and the NodeManagers localizing their
 * containers) wait for a restarting NameNode instead of failing, as on a real cluster without a
 * standby NameNode (see {@code SiteConfigs.hdfsSite}).
 *
 * <p>Starting blocks for roughly 10 s; stopping for about 2 s. Not for concurrent use: one thread
 * starts and closes it, others may call the accessors.
 *
 * <p><b>Secure clusters</b> ({@link Builder#secure}) also run a Kerberos KDC in this JVM (see
 * {@link DevKdc} for the principals), and HDFS and YARN authenticate with Kerberos, authorize
 * RPC calls, protect HDFS data transfer with SASL and hand out delegation tokens that expire
 * quickly. The conf dir then also holds {@code krb5.conf} and the user's keytab, so another
 * process with {@code HADOOP_CONF_DIR=<confDir>} and {@code -Djava.security.krb5.conf=<confDir>/krb5.conf}
 * logs in with {@code UserGroupInformation.loginUserFromKeytab(userPrincipal(), userKeytab())}.
 * Hadoop's security state is JVM-wide: while a secure cluster runs, this JVM's
 * {@link UserGroupInformation} is configured for Kerberos and its login user is the service
 * principal; {@link #close()} resets both, so a plain cluster can start after it. Do not run a
 * secure and a plain cluster in one JVM at the same time.
 */
public final class DevCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevCluster.class);
  /** MiniYARNCluster places its dirs under this system property's value, read in its constructor. */
  private static final String TEST_DATA_DIR_PROPERTY = "test.build.data";
  private static final Object TEST_DATA_DIR_LOCK = new Object();
  /** A secure cluster's delegation token renew interval unless {@link Builder#tokenRenewInterval} says otherwise. */
  public static final Duration DEFAULT_TOKEN_RENEW_INTERVAL = Duration.ofSeconds(60);
  /** A secure cluster's delegation token max lifetime unless {@link Builder#tokenMaxLifetime} says otherwise. */
  public static final Duration DEFAULT_TOKEN_MAX_LIFETIME = Duration.ofSeconds(180);

  private final Path workDir;
  private final Path confDir;
  private final DevClusterPorts ports;
  private final MiniDFSCluster dfs;
  private final MiniYARNCluster yarn;
  private final URI fsUri;
  private final Duration startDuration;
  private final DevKdc kdc;
  private final Path userKeytab;
  private final Path krb5Conf;
  private final HdfsFaults storageFaults;
  private boolean closed;

  private DevCluster(Builder options) throws IOException {
    long start = System.nanoTime();
    this.workDir = options.workDir.toAbsolutePath().normalize();
    this.confDir = workDir.resolve("conf");
    this.ports = options.ports != null ? options.ports : DevClusterPorts.free();
    if (!options.secure) {
      this.kdc = null;
      this.userKeytab = null;
      this.krb5Conf = null;
      this.dfs = startDfs(workDir.resolve("hdfs"), ports, options.dataNodes, new Configuration());
      try {
        this.fsUri = dfs.getURI();
        SiteConfigs site = SiteConfigs.of(ports, fsUri, options.amExpiry, options.maxAmAttempts, options.dataNodes);
        Configuration yarnConf = site.applyTo(new YarnConfiguration());
        if (options.nodeLabel != null) {
          NodeLabels.enable(yarnConf, workDir.resolve("node-labels"));
        }
        // Written first: the NodeManagers' localizers read the HDFS client settings from it.
        site.writeTo(confDir);
        this.yarn = withConfDirResources(confDir,
            () -> startYarn(workDir.resolve("yarn"), options.nodeManagers, yarnConf));
        if (options.nodeLabel != null) {
          NodeLabels.labelLastNode(yarn, options.nodeManagers, options.nodeLabel);
        }
      } catch (IOException | RuntimeException | Error e) {
        dfs.shutdown();
        throw e;
      }
    } else {
      this.kdc = DevKdc.start(workDir.resolve("kdc"), System.getProperty("user.name"));
      MiniDFSCluster startedDfs = null;
      MiniYARNCluster startedYarn = null;
      try {
        SiteConfigs security = SecureSiteConfigs.of(kdc, options.tokenRenewInterval, options.tokenMaxLifetime);
        Configuration secureConf = security.applyTo(new Configuration());
        // The daemons read the authentication method from UserGroupInformation, not from their conf.
        UserGroupInformation.setConfiguration(secureConf);
        // The JVM's login user becomes the service principal, as the NameNode and DataNode make it
        // anyway; MiniYARNCluster's daemons skip their own keytab login and run as it.
        UserGroupInformation.loginUserFromKeytab(kdc.servicePrincipal(), kdc.serviceKeytab().toString());
        startedDfs = startDfs(workDir.resolve("hdfs"), ports, options.dataNodes, secureConf);
        this.dfs = startedDfs;
        this.fsUri = dfs.getURI();
        SiteConfigs site = SiteConfigs.of(ports, fsUri, options.amExpiry, options.maxAmAttempts, options.dataNodes)
            .plus(security);
        site.writeTo(confDir);
        startedYarn = withConfDirResources(confDir,
            () -> startYarn(workDir.resolve("yarn"), options.nodeManagers, site.applyTo(new YarnConfiguration())));
        this.yarn = startedYarn;
        this.krb5Conf = copy(kdc.krb5Conf().toPath(), confDir.resolve("krb5.conf"));
        this.userKeytab = copy(kdc.userKeytab(), confDir.resolve(kdc.userKeytab().getFileName()));
      } catch (IOException | RuntimeException | Error e) {
        stopSecure(startedYarn, startedDfs, kdc);
        throw e;
      }
    }
    this.startDuration = Duration.ofNanos(System.nanoTime() - start);
    this.storageFaults = new HdfsFaults(dfs);
    log.info("Dev cluster started in {} ms: HDFS {} ({} DataNodes), ResourceManager {}, NodeManagers: {}, conf dir {}{}",
        startDuration.toMillis(), fsUri, options.dataNodes, rmAddress(), options.nodeManagers, confDir,
        kdc == null ? "" : ", Kerberos realm " + kdc.realm() + ", user principal " + kdc.userPrincipal());
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  /**
   * Runs {@code start} with the thread's context class loader also finding the site files of
   * {@code confDir}, so the threads it starts (which inherit that loader) read them in every
   * {@code new Configuration()}. A NodeManager's resource localizer needs this: it builds its
   * HDFS client from a fresh YarnConfiguration, which on a real node reads the conf dir on the
   * NodeManager's classpath; without the site files, it reads HDFS without SASL and the secure
   * DataNode drops the connection (BlockMissingException, "No live nodes contain current block"),
   * and without the client retry policy it fails a new attempt's localization at once while the
   * NameNode restarts.
   */
  private static <T> T withConfDirResources(Path confDir, IoSupplier<T> start) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader parent = previous != null ? previous : DevCluster.class.getClassLoader();
    // Not closed: the daemons' threads keep using it; it holds no open files.
    URLClassLoader withConfDir = new URLClassLoader("sluice-dev-cluster-conf",
        new java.net.URL[] {confDir.toUri().toURL()}, parent);
    thread.setContextClassLoader(withConfDir);
    try {
      return start.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static MiniDFSCluster startDfs(Path dir, DevClusterPorts ports, int dataNodes, Configuration conf)
      throws IOException {
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
    SiteConfigs.hdfsSite(dataNodes).forEach(entry -> conf.set(entry.getKey(), entry.getValue()));
    return new MiniDFSCluster.Builder(conf)
        .numDataNodes(dataNodes)
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

  /** Whether the cluster uses Kerberos ({@link Builder#secure}). */
  public boolean isSecure() {
    return kdc != null;
  }

  /** The Kerberos realm of a secure cluster, e.g. {@code EXAMPLE.COM}. */
  public String kdcRealm() {
    return secureKdc().realm();
  }

  /** The principal of the OS user running the cluster, {@code <user.name>@<realm>}; its keytab is {@link #userKeytab()}. */
  public String userPrincipal() {
    return secureKdc().userPrincipal();
  }

  /** The keytab of {@link #userPrincipal()}, in the conf dir. */
  public Path userKeytab() {
    secureKdc();
    return userKeytab;
  }

  /** The Kerberos client configuration of the cluster's KDC, in the conf dir: the value for {@code -Djava.security.krb5.conf}. */
  public Path krb5Conf() {
    secureKdc();
    return krb5Conf;
  }

  /** The principal the NameNode, DataNode, ResourceManager and NodeManagers share, {@code hadoop/localhost@<realm>}. */
  public String servicePrincipal() {
    return secureKdc().servicePrincipal();
  }

  private DevKdc secureKdc() {
    if (kdc == null) {
      throw new IllegalStateException("not a secure cluster (see DevCluster.Builder.secure)");
    }
    return kdc;
  }

  /**
   * The transfer addresses ({@code host:port}) of the running DataNodes, as HDFS names them in
   * block locations ({@code BlockLocation.getNames()}), so a test can pick a DataNode that holds a
   * given file's blocks.
   */
  public List<String> dataNodes() {
    return storageFaults.runningDataNodes();
  }

  /**
   * Stops the DataNode at {@code address} (one of {@link #dataNodes()}) the way a crashed machine
   * would: its blocks stay on disk, the NameNode is not told (it notices only after its heartbeat
   * expiry, 10.5 min by default, as on a real cluster), so clients find out by failing to reach it.
   * {@link #restartDataNode} brings it back with the same storage and port.
   */
  public void stopDataNode(String address) {
    storageFaults.stopDataNode(address);
  }

  /**
   * Restarts a DataNode stopped by {@link #stopDataNode} on the same port with the same storage, so
   * its blocks come back; returns once it has registered with the NameNode and reported its blocks.
   */
  public void restartDataNode(String address) throws IOException {
    storageFaults.restartDataNode(address);
  }

  /**
   * Stops the NameNode and starts it again on the same RPC and HTTP ports (running applications
   * hold its address), as an operator's restart or a crashed NameNode host would; returns once every
   * DataNode has re-registered and the NameNode has left safe mode, so writes succeed again.
   * HDFS clients see refused connections while it is down, then {@code SafeModeException} until
   * enough blocks are reported.
   */
  public void restartNameNode() throws IOException {
    storageFaults.restartNameNode();
  }

  /** Stops YARN, then HDFS. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    if (kdc != null) {
      stopSecure(yarn, dfs, kdc);
    } else {
      try {
        yarn.stop();
      } finally {
        dfs.shutdown();
      }
    }
    log.info("Dev cluster stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  /** Stops what started of a secure cluster, then resets this JVM's Kerberos and Hadoop login state. */
  private static void stopSecure(MiniYARNCluster yarn, MiniDFSCluster dfs, DevKdc kdc) {
    try {
      if (yarn != null) {
        yarn.stop();
      }
    } finally {
      try {
        if (dfs != null) {
          dfs.shutdown();
        }
      } finally {
        try {
          kdc.close();
        } finally {
          UserGroupInformation.reset();
          UserGroupInformation.setConfiguration(new Configuration());
        }
      }
    }
  }

  /** Options of a cluster; {@link #start()} starts one. */
  public static final class Builder {
    private Path workDir = Path.of("target", "sluice-dev-cluster");
    private int nodeManagers = 2;
    private int dataNodes = 1;
    private DevClusterPorts ports;
    private Duration amExpiry = Duration.ofSeconds(10);
    private int maxAmAttempts = 4;
    private boolean secure;
    private String nodeLabel;
    private Duration tokenRenewInterval = DEFAULT_TOKEN_RENEW_INTERVAL;
    private Duration tokenMaxLifetime = DEFAULT_TOKEN_MAX_LIFETIME;

    private Builder() {}

    /**
     * Whether HDFS and YARN use Kerberos, with a KDC in this JVM (see the class comment); default
     * false. {@link #tokenRenewInterval} and {@link #tokenMaxLifetime} apply only to secure clusters.
     */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /**
     * How long HDFS and ResourceManager delegation tokens live unless renewed, and how often the
     * keys that sign them roll over; default {@link #DEFAULT_TOKEN_RENEW_INTERVAL} (Hadoop's is 1 day),
     * so a test can outlive a token without renewing it.
     */
    public Builder tokenRenewInterval(Duration interval) {
      if (interval.toMillis() < 1000) {
        throw new IllegalArgumentException("token renew interval must be at least 1 s, got " + interval);
      }
      this.tokenRenewInterval = interval;
      return this;
    }

    /**
     * How long HDFS and ResourceManager delegation tokens can be renewed for, at most; default
     * {@link #DEFAULT_TOKEN_MAX_LIFETIME} (Hadoop's is 7 days). Not shorter than the renew interval.
     */
    public Builder tokenMaxLifetime(Duration lifetime) {
      if (lifetime.toMillis() < 1000) {
        throw new IllegalArgumentException("token max lifetime must be at least 1 s, got " + lifetime);
      }
      this.tokenMaxLifetime = lifetime;
      return this;
    }

    /** Where the cluster keeps its state and conf dir; default {@code target/sluice-dev-cluster}. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Gives the last NodeManager the exclusive YARN node label {@code label}, which the default queue
     * may use (see {@link NodeLabels}); default: no labels. Not with {@link #secure}.
     */
    public Builder nodeLabel(String label) {
      if (!label.matches("[0-9a-zA-Z][0-9a-zA-Z_\\-]*")) {
        throw new IllegalArgumentException("not a YARN node label: '" + label + "'");
      }
      this.nodeLabel = label;
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

    /**
     * How many DataNodes, at least 1; default 1. With more than one, files get two replicas
     * ({@code dfs.replication=2}), so a stopped DataNode loses no data: what fault tests need.
     */
    public Builder dataNodes(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("at least one DataNode is needed, got " + count);
      }
      this.dataNodes = count;
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

    /**
     * Starts the KDC (secure clusters only), HDFS, then YARN, and writes the conf dir; blocks until
     * every NodeManager has registered.
     */
    public DevCluster start() throws IOException {
      if (secure && tokenMaxLifetime.compareTo(tokenRenewInterval) < 0) {
        throw new IllegalArgumentException("token max lifetime " + tokenMaxLifetime
            + " is shorter than the renew interval " + tokenRenewInterval);
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return new DevCluster(this);
        } catch (IOException | RuntimeException e) {
          // Ports chosen as free (none given) can be taken before the daemons bind them: the
          // ephemeral range they come from is also where other processes' outgoing connections get
          // their ports, and several clusters start at once in the ITs. Fresh ports, twice more.
          if (ports != null || attempt == 3 || !causedByBindException(e)) {
            throw e;
          }
          log.warn("A port of the dev cluster was taken before it could bind it ({}); starting again on other ports",
              e.toString());
        }
      }
    }

    private static boolean causedByBindException(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("BindException")) {
          return true;
        }
      }
      return false;
    }
  }

  // ---------------------------------------------------------------- NodeManager faults

  /**
   * The index (0-based, as {@link MiniYARNCluster#getNodeManager}) of the NodeManager running
   * container {@code containerId} now, or -1 when none does.
   */
  public int nodeManagerOf(String containerId) {
    org.apache.hadoop.yarn.api.records.ContainerId id = org.apache.hadoop.yarn.api.records.ContainerId.fromString(
        containerId);
    // Every NodeManager registered at start, and a stopped one stays known until it expires.
    int nodeManagers = yarn.getResourceManager().getRMContext().getRMNodes().size();
    for (int i = 0; i < nodeManagers; i++) {
      if (yarn.getNodeManager(i).getNMContext().getContainers().containsKey(id)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Stops NodeManager {@code index} the way a node dies: it stops heartbeating without telling the
   * ResourceManager it leaves (a stopping NodeManager normally unregisters, and the ResourceManager
   * then reports its containers as ended at once), so the ResourceManager learns of the loss only
   * after {@code yarn.nm.liveness-monitor.expiry-interval-ms} (10 min unless set). Its containers
   * are killed, as they would die with the node, but no ApplicationMaster hears of it. Not undone:
   * the NodeManager stays stopped until the cluster closes.
   */
  public void stopNodeManager(int index) {
    org.apache.hadoop.yarn.server.nodemanager.NodeManager nm = yarn.getNodeManager(index);
    // The one public switch that skips the unregistration on stop; nothing else reads it while stopping.
    nm.getNMContext().setDecommissioned(true);
    // Heartbeats end first, as when a node dies: stopping the NodeManager whole kills its containers
    // while it still heartbeats, and the ResourceManager then placed the lost executor's replacement on
    // the dying node, in its last heartbeat.
    nm.getNodeStatusUpdater().stop();
    nm.stop();
    log.info("Stopped NodeManager {} ({}) without unregistering it", index, nm.getNMContext().getNodeId());
  }
}
