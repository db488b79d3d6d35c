package io.sluice.yarn;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.cluster.ExecutorLauncher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executors as YARN containers. The {@link io.sluice.internal.cluster.ClusterScheduler} asks for an
 * executor with {@link #launch}; this asks the ResourceManager for a container, and when one is
 * allocated writes the executor's launch spec to the staging directory and starts
 * {@code ExecutorMain} in it. Containers nobody is waiting for (YARN may hand out more than asked)
 * are released; completions of containers this attempt did not start (a previous attempt's, killed
 * when its AM died) are ignored.
 *
 * <p>The ApplicationMaster routes the ResourceManager's and NodeManagers' callbacks here; all state
 * is guarded by {@code this}.
 */
final class ExecutorContainers implements ExecutorLauncher {
  private static final Logger log = LoggerFactory.getLogger(ExecutorContainers.class);
  private static final Priority PRIORITY = Priority.newInstance(1);
  static final String EXECUTOR_MAIN = "io.sluice.executor.ExecutorMain";
  /** The executor's launch spec in its container's working directory. */
  private static final String SPEC_FILE = "launch.properties";

  private record Waiting(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit, ContainerRequest request) {}

  private record Running(String executorId, ExitListener onExit) {}

  private final AMRMClientAsync<ContainerRequest> resourceManager;
  private final NMClientAsync nodeManagers;
  private final FileSystem fs;
  private final ApplicationSpec app;
  private final Resource capability;
  /** Null: any node of the queue's default partition. */
  private final String nodeLabel;
  private final java.util.function.Consumer<Boolean> pendingRequests;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Map<ContainerId, Running> running = new HashMap<>();
  private boolean closed;

  ExecutorContainers(AMRMClientAsync<ContainerRequest> resourceManager, NMClientAsync nodeManagers, FileSystem fs,
                     ApplicationSpec app, long containerMemoryMb, int cores,
                     java.util.function.Consumer<Boolean> pendingRequests) {
    this.pendingRequests = pendingRequests;
    this.resourceManager = resourceManager;
    this.nodeManagers = nodeManagers;
    this.fs = fs;
    this.app = app;
    this.capability = Resource.newInstance(containerMemoryMb, cores);
    this.nodeLabel = ContainerOptions.of(app.conf()).executorNodeLabel().orElse(null);
  }

  @Override
  public synchronized void launch(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit) {
    ContainerRequest request = new ContainerRequest(capability, null, null, PRIORITY, true, nodeLabel);
    waiting.add(new Waiting(spec, secret, onExit, request));
    resourceManager.addContainerRequest(request);
    pendingRequests.accept(true);
    log.info("Requested a container ({}) for executor {}", capability, spec.executorId());
  }

  /** Called by the ApplicationMaster's ResourceManager callback. */
  synchronized void allocated(List<Container> containers) {
    for (Container container : containers) {
      Waiting next = waiting.poll();
      if (next == null || closed) {
        log.info("Releasing surplus container {} on {}", container.getId(), container.getNodeId());
        resourceManager.releaseAssignedContainer(container.getId());
        continue;
      }
      // Without this the request stays outstanding and YARN keeps allocating containers for it.
      resourceManager.removeContainerRequest(next.request());
      start(container, next);
    }
    pendingRequests.accept(!waiting.isEmpty());
  }

  private void start(Container container, Waiting w) {
    String host = container.getNodeId().getHost();
    ExecutorLaunchSpec spec = w.spec().withBindHost(host);
    try {
      ContainerLaunchContext context = launchContext(app, spec, stageSpec(spec), w.secret());
      running.put(container.getId(), new Running(spec.executorId(), w.onExit()));
      nodeManagers.startContainerAsync(container, context);
      log.info("Starting executor {} in container {} on {}", spec.executorId(), container.getId(), host);
    } catch (IOException | RuntimeException e) {
      log.error("Could not start executor {} in container {}: {}", spec.executorId(), container.getId(), e.toString());
      resourceManager.releaseAssignedContainer(container.getId());
      running.remove(container.getId());
      w.onExit().exited(spec.executorId(), "its container could not be started: " + e);
    }
  }

  /**
   * {@code ExecutorMain launch.properties} with the application's files and jars; the secret in the
   * container's credentials, never in its environment (the NodeManager writes that into a launch script).
   */
  static ContainerLaunchContext launchContext(ApplicationSpec app, ExecutorLaunchSpec spec, StagedFile specFile,
                                              byte[] secret) {
    ContainerLaunchContext context = ContainerCommands.javaContainer(app, ContainerCommands.Role.EXECUTOR,
        Map.of(SPEC_FILE, specFile), spec.memoryMb(), EXECUTOR_MAIN, List.of(SPEC_FILE));
    context.setTokens(ContainerSecrets.credentialsWith(secret));
    return context;
  }

  /** The executor's launch spec, written to the staging directory for YARN to localize. */
  private StagedFile stageSpec(ExecutorLaunchSpec spec) throws IOException {
    Path file = StagingLayout.executorSpec(new Path(app.stagingDir()), spec.executorId());
    try (OutputStream out = fs.create(file, true)) {
      spec.write(out);
    }
    FileStatus status = fs.getFileStatus(file);
    return new StagedFile(SPEC_FILE, fs.makeQualified(file).toString(), status.getLen(),
        status.getModificationTime(), false);
  }

  /** Called by the ApplicationMaster's ResourceManager callback. */
  synchronized void completed(List<ContainerStatus> statuses) {
    for (ContainerStatus status : statuses) {
      Running r = running.remove(status.getContainerId());
      if (r == null) {
        log.info("Ignoring the end of container {} (not one of this attempt's executors): exit {}",
            status.getContainerId(), status.getExitStatus());
        continue;
      }
      if (!closed) {
        r.onExit().exited(r.executorId(), "container " + status.getContainerId() + " exited with status "
            + status.getExitStatus() + diagnostics(status.getDiagnostics()));
      }
    }
  }

  /** Called by the NodeManager callback: the container never ran. */
  synchronized void startFailed(ContainerId id, Throwable error) {
    Running r = running.remove(id);
    resourceManager.releaseAssignedContainer(id);
    if (r != null && !closed) {
      r.onExit().exited(r.executorId(), "container " + id + " could not be started: " + error);
    }
  }

  private static String diagnostics(String text) {
    return text == null || text.isBlank() ? "" : " (" + text.strip().lines().findFirst().orElse("") + ")";
  }

  @Override
  public synchronized String describe() {
    return running.size() + " YARN container(s), " + waiting.size() + " requested";
  }

  /** Withdraws open requests; the containers themselves end when told to stop or when the AM unregisters. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Waiting w : waiting) {
      resourceManager.removeContainerRequest(w.request());
    }
    waiting.clear();
  }

  static long containerMemoryMb(long heapMb, java.util.Optional<Long> overheadMb) {
    return heapMb + overheadMb.orElse(Math.max(384L, heapMb / 10));
  }

}
