package io.sluice.yarn;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ClusterScheduler;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.streaming.StreamingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a Sluice application on YARN: registers with the ResourceManager, runs the user's
 * main class as the driver (master {@code yarn}), provides executor containers to it through
 * {@link YarnBackendFactory}, and unregisters with the outcome. A failed attempt that is not the
 * last exits without unregistering, so YARN starts the next one, whose driver recovers through
 * {@code StreamingContext.getOrCreate} (checkpoint + write-ahead log on HDFS).
 *
 * <p>It registers with the ResourceManager once the driver's RPC server listens, with that port and
 * the UI as tracking URL, and publishes the driver's address in the staging directory. YARN keeps
 * executor containers across attempts (the client asks it to): the next attempt adopts them, and
 * their executors, which waited for a new driver, find it through that file and re-register.
 */
public final class ApplicationMaster {
  private static final Logger log = LoggerFactory.getLogger(ApplicationMaster.class);
  private static final AtomicReference<ApplicationMaster> CURRENT = new AtomicReference<>();
  private static final int FAST_HEARTBEAT_MS = 200;
  private static final int SLOW_HEARTBEAT_MS = 3000;
  private static final long NODE_MANAGER_CONNECT_MAX_WAIT_MS = 30_000;

  private final ApplicationSpec app;
  private final Configuration hadoopConf;
  private final ApplicationAttemptId attemptId;
  private final String host;
  private final FileSystem fs;
  private final AttemptHandover handover;
  private final AMRMClientAsync<ContainerRequest> resourceManager;
  private final NMClientAsync nodeManagers;
  private final ScheduledExecutorService stopWatcher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sluice-am-stop-watcher");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final AtomicBoolean unregistered = new AtomicBoolean();
  private final CountDownLatch driverDone = new CountDownLatch(1);
  private volatile ExecutorContainers containers;
  private volatile ClusterScheduler scheduler;
  private volatile CredentialRenewer credentialRenewer;
  private volatile String shutdownRequest;
  private volatile String trackingUrl = "";
  /** Set once registered; holds the containers YARN kept from earlier attempts. */
  private RegisterApplicationMasterResponse registration;

  ApplicationMaster(ApplicationSpec app, Configuration hadoopConf, ApplicationAttemptId attemptId, String host)
      throws IOException {
    this.app = app;
    this.hadoopConf = hadoopConf;
    this.attemptId = attemptId;
    this.host = host;
    this.fs = new Path(app.stagingDir()).getFileSystem(hadoopConf);
    this.handover = new AttemptHandover(fs, new Path(app.stagingDir()));
    this.resourceManager = AMRMClientAsync.createAMRMClientAsync(idleHeartbeatMs(hadoopConf),
        new ResourceManagerEvents());
    this.nodeManagers = NMClientAsync.createNMClientAsync(new NodeManagerEvents());
  }

  /**
   * How often to heartbeat when no containers are pending: every 3 s, but at least three times per
   * AM liveness expiry, or the ResourceManager declares this attempt dead (tests shorten the expiry).
   */
  private static int idleHeartbeatMs(Configuration conf) {
    long expiry = conf.getLong("yarn.am.liveness-monitor.expiry-interval-ms", 600_000L);
    return (int) Math.max(100, Math.min(SLOW_HEARTBEAT_MS, expiry / 3));
  }

  /**
   * The NodeManager client retries a NodeManager it cannot reach for 3 minutes by default, and a
   * replacement executor placed on a node that died unnoticed waited that long for its start to fail.
   * 30 s at most: the node is then excluded and the next container comes from another
   * ({@link NodeExclusions}); a NodeManager that is merely slow is still given that long.
   */
  static Configuration nodeManagerClientConf(Configuration conf) {
    Configuration copy = new Configuration(conf);
    String maxWait = "yarn.client.nodemanager-connect.max-wait-ms";
    String interval = "yarn.client.nodemanager-connect.retry-interval-ms";
    copy.setLong(maxWait, Math.min(conf.getLong(maxWait, 180_000L), NODE_MANAGER_CONNECT_MAX_WAIT_MS));
    copy.setLong(interval, Math.min(conf.getLong(interval, 10_000L), NODE_MANAGER_CONNECT_MAX_WAIT_MS / 10));
    return copy;
  }

  /** The ApplicationMaster of this JVM, for the {@code yarn} cluster backend. */
  static Optional<ApplicationMaster> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Runs the attempt to its end; returns the exit code for the AM's JVM. */
  int run() throws Exception {
    CURRENT.set(this);
    resourceManager.init(hadoopConf);
    resourceManager.start();
    nodeManagers.init(nodeManagerClientConf(hadoopConf));
    nodeManagers.start();
    handover.forgetPreviousDriver(attemptId.getAttemptId());
    // Registration waits for the driver's RPC server (driverListening); should the user's code take
    // long to create its context, register without it before YARN's AM liveness expiry runs out.
    long expiry = hadoopConf.getLong("yarn.am.liveness-monitor.expiry-interval-ms", 600_000L);
    stopWatcher.schedule(() -> {
      try {
        register(-1);
      } catch (RuntimeException e) {
        log.error("{}", e.getMessage());
      }
    }, Math.max(1000, expiry / 2), TimeUnit.MILLISECONDS);
    stopWatcher.scheduleWithFixedDelay(this::checkStopMarker, 1, 1, TimeUnit.SECONDS);
    keepCredentialsFresh();
    if (!app.extraJars().isEmpty()) {
      log.info("Jars from --jars, on the driver's and the executors' classpath after Sluice's: {}",
          app.extraJars().stream().map(StagedFile::name).toList());
    }

    DriverOutcome outcome = new UserDriver(app.mainClass(), app.appArgs()).run();
    driverDone.countDown();
    stopWatcher.shutdownNow();
    if (credentialRenewer != null) {
      credentialRenewer.close();
    }
    if (outcome.failure() == null) {
      boolean killed = stopRequested.get() || shutdownRequest != null;
      finish(killed ? FinalApplicationStatus.KILLED : FinalApplicationStatus.SUCCEEDED,
          killed ? "Stopped gracefully: " + Optional.ofNullable(shutdownRequest).orElse("sluice-submit kill") : "");
      return 0;
    }
    SluiceConf submitted = new SluiceConf(false);
    app.conf().forEach(submitted::set);
    if (!outcome.retryable() || AttemptBudget.isLast(hadoopConf, attemptId,
        SluiceOptions.YARN_MAX_APP_ATTEMPTS.get(submitted), SluiceOptions.YARN_ATTEMPT_VALIDITY_MS.getOption(submitted),
        credentialRenewer == null ? null : credentialRenewer.keytabUser())) {
      finish(FinalApplicationStatus.FAILED, outcome.failure());
    } else {
      log.error("The driver failed in attempt {}; YARN will start another attempt: {}", attemptId.getAttemptId(),
          outcome.failure());
    }
    return 1;
  }

  /**
   * Registers with the ResourceManager (once; later calls return the first response), naming the
   * driver's RPC port ({@code -1} when it does not listen yet) and the UI as tracking URL.
   */
  private synchronized RegisterApplicationMasterResponse register(int rpcPort) {
    if (registration == null) {
      try {
        registration = resourceManager.registerApplicationMaster(host, rpcPort, trackingUrl);
      } catch (YarnException | IOException e) {
        throw new SluiceException("Could not register with the ResourceManager: " + e.getMessage(), e);
      }
      log.info("Registered attempt {} of {} ({}) with the ResourceManager, driver port {}, tracking URL '{}'",
          attemptId.getAttemptId(), app.appName(), attemptId.getApplicationId(), rpcPort, trackingUrl);
    }
    return registration;
  }

  /**
   * The driver listens: register, publish its address for executors of earlier attempts, and hand
   * the containers YARN kept from those attempts to {@code containers} for adoption.
   */
  private void driverListening(ExecutorContainers created, java.net.InetSocketAddress address, long adoptionMs) {
    RegisterApplicationMasterResponse response = register(address.getPort());
    List<Container> kept = Optional.ofNullable(response.getContainersFromPreviousAttempts()).orElse(List.of());
    if (attemptId.getAttemptId() > 1) {
      log.info("YARN kept {} executor container(s) from earlier attempts: {}", kept.size(),
          kept.stream().map(Container::getId).toList());
      created.previousAttempt(kept, handover.executorNumbersUsed(), adoptionMs);
    }
    handover.publishDriver(address); // after the adoption: executors that read it are expected
  }

  /**
   * The application secret the client put into this container's credentials: the same for every
   * attempt, so that executors kept from an earlier attempt authenticate to this one. Null when an
   * older client did not set one (executors then cannot outlive the attempt).
   */
  byte[] applicationSecret() {
    try {
      return UserGroupInformation.getCurrentUser().getCredentials()
          .getSecretKey(new org.apache.hadoop.io.Text(ExecutorLaunchSpec.SECRET_CREDENTIAL));
    } catch (IOException e) {
      throw new SluiceException("Cannot read the ApplicationMaster's credentials: " + e.getMessage(), e);
    }
  }

  /** The backend's launcher: executor containers of {@code memoryMb} heap and {@code cores} vcores. */
  ExecutorContainers executorContainers(long heapMb, int cores, Optional<Long> overheadMb, long adoptionMs,
                                        ContainerLaunchPolicy policy) {
    ContainerAllocator allocator = ContainerAllocator.of(resourceManager,
        pending -> resourceManager.setHeartbeatInterval(pending ? FAST_HEARTBEAT_MS : idleHeartbeatMs(hadoopConf)));
    ExecutorContainers created = new ExecutorContainers(allocator, ContainerStarter.of(nodeManagers),
        new StagedLaunchContexts(fs, app), ExecutorContainers.containerMemoryMb(heapMb, overheadMb), cores,
        ContainerOptions.of(app.conf()).executorNodeLabel().orElse(null), policy);
    created.onDriverListening(address -> driverListening(created, address, adoptionMs));
    this.containers = created;
    return created;
  }

  /** How executor containers that do not register are treated, with the cluster's node naming. */
  ContainerLaunchPolicy launchPolicy(long registrationTimeoutMs, long nodeExclusionMs) {
    return ContainerLaunchPolicy.of(registrationTimeoutMs, nodeExclusionMs, hadoopConf);
  }

  /** The driver's executors, to which fresh delegation tokens go. */
  void scheduler(ClusterScheduler scheduler) {
    this.scheduler = scheduler;
    if (UserGroupInformation.isSecurityEnabled()) {
      // The scheduler hands its newest tokens to every executor as it registers. Seed it with this
      // attempt's (fresh with a keytab; the renewer's first ones came before the scheduler existed):
      // executors kept from an earlier attempt hold what that attempt last sent them, which nobody
      // renews since it died, and get these before any task runs.
      java.nio.ByteBuffer current = ContainerSecrets.credentialsWith(null);
      byte[] tokens = new byte[current.remaining()];
      current.get(tokens);
      scheduler.updateCredentials(tokens);
    }
  }

  /**
   * On a kerberized cluster: with the keytab the client shipped, fresh delegation tokens before the
   * current ones expire; without one, the application lives as long as the tokens the client obtained.
   */
  private void keepCredentialsFresh() throws IOException {
    if (!UserGroupInformation.isSecurityEnabled()) {
      return;
    }
    Optional<String> principal = Optional.ofNullable(app.conf().get(SluiceOptions.YARN_PRINCIPAL.key()));
    if (principal.isPresent() && Files.isReadable(java.nio.file.Path.of(ApplicationSpec.KEYTAB))) {
      credentialRenewer = new CredentialRenewer(hadoopConf, principal.get(), ApplicationSpec.KEYTAB,
          HadoopTokens.fileSystems(app.conf(), hadoopConf), tokens -> {
            ClusterScheduler s = scheduler;
            if (s != null) {
              s.updateCredentials(tokens);
            }
          });
      credentialRenewer.start();
      return;
    }
    Optional<Long> end = HadoopTokens.earliestMaxDate(UserGroupInformation.getCurrentUser().getCredentials());
    log.warn("No keytab (sluice-submit --principal/--keytab): this application can use the cluster until its "
        + "delegation tokens reach their maximum lifetime{}", end.map(t -> ", at " + java.time.Instant.ofEpochMilli(t))
        .orElse(""));
  }

  /** The driver's UI became reachable: shown as the tracking URL in the ResourceManager. */
  void trackingUrl(String url) {
    trackingUrl = url;
    resourceManager.updateTrackingUrl(url);
    log.info("Tracking URL {}", url);
  }

  String host() {
    return host;
  }

  private void finish(FinalApplicationStatus status, String diagnostics) {
    if (!unregistered.compareAndSet(false, true)) {
      return;
    }
    try {
      register(-1); // the driver may have ended before it listened
      resourceManager.unregisterApplicationMaster(status, truncate(diagnostics), finalTrackingUrl().orElse(null));
      log.info("Unregistered with final status {}{}", status, diagnostics.isEmpty() ? "" : ": " + diagnostics);
    } catch (Exception e) {
      log.error("Could not unregister from the ResourceManager: {}", e.toString());
    }
    deleteStaging();
    resourceManager.stop();
    nodeManagers.stop();
  }

  /**
   * With {@code sluice.yarn.historyServer.address}, the history server's page of this application, so
   * the ResourceManager's link still works once the driver's UI is gone.
   */
  private Optional<String> finalTrackingUrl() {
    return Optional.ofNullable(app.conf().get(SluiceOptions.YARN_HISTORY_SERVER_ADDRESS.key()))
        .map(address -> historyUrl(address, attemptId.getApplicationId().toString()));
  }

  static String historyUrl(String address, String appId) {
    String base = address.contains("://") ? address : "http://" + address;
    return base.replaceAll("/+$", "") + "/history/" + appId + "/";
  }

  /** Called from a JVM shutdown hook: the user's code called System.exit, or YARN is killing us. */
  void onJvmShutdown(boolean terminatedBySignal) {
    if (driverDone.getCount() == 0 || unregistered.get()) {
      return;
    }
    if (terminatedBySignal) {
      log.warn("Terminated by a signal while the driver was running; YARN decides what happens next");
      return;
    }
    finish(FinalApplicationStatus.SUCCEEDED, "The application called System.exit before its main method returned");
  }

  private void deleteStaging() {
    try {
      fs.delete(new Path(app.stagingDir()), true);
    } catch (IOException e) {
      log.warn("Could not remove the staging directory {}: {}", app.stagingDir(), e.toString());
    }
  }

  private void checkStopMarker() {
    try {
      if (!stopRequested.get() && fs.exists(StagingLayout.stopMarker(new Path(app.stagingDir())))) {
        stopGracefully("stop requested through sluice-submit kill");
        stopRequested.set(true);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Could not check for a stop request: {}", e.toString());
    }
  }

  private void stopGracefully(String why) {
    log.info("Stopping the streaming context gracefully ({})", why);
    Thread stopper = new Thread(() -> StreamingContext.getActive().ifPresent(ssc -> ssc.stop(true, true)),
        "sluice-am-graceful-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  private static String truncate(String text) {
    return text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
  }

  /** ResourceManager callbacks, on the AMRM client's handler thread. */
  private final class ResourceManagerEvents extends AMRMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainersAllocated(List<Container> allocated) {
      ExecutorContainers c = containers;
      if (c == null) {
        allocated.forEach(container -> resourceManager.releaseAssignedContainer(container.getId()));
        return;
      }
      c.allocated(allocated);
    }

    @Override
    public void onContainersCompleted(List<ContainerStatus> statuses) {
      ExecutorContainers c = containers;
      if (c == null) {
        statuses.forEach(s -> log.info("Ignoring the end of container {} (no executors yet)", s.getContainerId()));
        return;
      }
      c.completed(statuses);
    }

    @Override
    public void onContainersUpdated(List<UpdatedContainer> containers) {}

    @Override
    public void onShutdownRequest() {
      shutdownRequest = "the ResourceManager asked the ApplicationMaster to shut down";
      stopGracefully(shutdownRequest);
    }

    @Override
    public void onNodesUpdated(List<NodeReport> updatedNodes) {}

    @Override
    public float getProgress() {
      return 0.5f;
    }

    @Override
    public void onError(Throwable e) {
      log.error("Lost contact with the ResourceManager: {}", e.toString());
      shutdownRequest = "ResourceManager error: " + e;
      stopGracefully(shutdownRequest);
    }
  }

  /** NodeManager callbacks: only start failures matter (ends are reported by the ResourceManager). */
  private final class NodeManagerEvents extends NMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainerStarted(ContainerId id, Map<String, java.nio.ByteBuffer> serviceResponse) {}

    @Override
    public void onContainerStatusReceived(ContainerId id, ContainerStatus status) {}

    @Override
    public void onContainerStopped(ContainerId id) {}

    @Override
    public void onStartContainerError(ContainerId id, Throwable t) {
      ExecutorContainers c = containers;
      if (c != null) {
        c.startFailed(id, t);
      }
    }

    @SuppressWarnings("deprecation") // abstract in NMClientAsync.AbstractCallbackHandler: must be implemented
    @Override
    public void onContainerResourceIncreased(ContainerId id, org.apache.hadoop.yarn.api.records.Resource r) {}

    @Override
    public void onContainerResourceUpdated(ContainerId id, org.apache.hadoop.yarn.api.records.Resource r) {}

    @Override
    public void onGetContainerStatusError(ContainerId id, Throwable t) {}

    @SuppressWarnings("deprecation") // abstract in NMClientAsync.AbstractCallbackHandler: must be implemented
    @Override
    public void onIncreaseContainerResourceError(ContainerId id, Throwable t) {}

    @Override
    public void onUpdateContainerResourceError(ContainerId id, Throwable t) {}

    @Override
    public void onStopContainerError(ContainerId id, Throwable t) {}
  }

}
