package io.sluice.yarn;

import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.cluster.ExecutorLauncher;
import io.sluice.internal.util.DaemonThreads;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executors as YARN containers. The {@link io.sluice.internal.cluster.ClusterScheduler} asks for an
 * executor with {@link #launch}; this asks the ResourceManager for a container, and when one is
 * allocated has its launch context built (the launch spec written to the staging directory) and
 * starts {@code ExecutorMain} in it. Containers nobody is waiting for (YARN may hand out more than
 * asked) are released; completions of containers this attempt neither started nor adopted are ignored.
 *
 * <p>Containers of a previous attempt (YARN keeps them, see {@link #previousAttempt}) are adopted:
 * they count as running, their executors are expected to re-register with this attempt's driver, and
 * no replacement is requested for them unless their container ends or their executor does not come
 * back within the adoption timeout (then the container is released).
 *
 * <p>A started container whose executor does not register within the registration timeout is
 * released and reported as a failed start; its node, like one where a start failed or an executor
 * ended before registering, is excluded for a while ({@link NodeExclusions}).
 *
 * <p>Threads: one loop thread owns the container state (waiting requests, running containers);
 * {@link #launch}, {@link #close} and the ResourceManager's and NodeManagers' callbacks only post
 * events to it, so a callback never waits for the file system. Launch contexts are built on a
 * separate staging thread, since staging writes to HDFS; the result comes back to the loop.
 */
final class ExecutorContainers implements ExecutorLauncher {
  private static final Logger log = LoggerFactory.getLogger(ExecutorContainers.class);
  private static final Priority PRIORITY = Priority.newInstance(1);

  private record Waiting(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit, ContainerRequest request) {}

  /**
   * An executor's container (or an adopted one, whose executor is not known until it re-registers).
   * {@code registered}: its executor registered with the driver, so it is no longer watched for a
   * start that never completes.
   */
  private record Running(String executorId, ExitListener onExit, NodeId node, boolean registered) {
    Running asRegistered(String id) {
      return new Running(id, onExit, node, true);
    }
  }

  private final ContainerAllocator resourceManager;
  private final ContainerStarter nodeManagers;
  private final ContainerLaunchContexts launchContexts;
  private final Resource capability;
  /** Null: any node of the queue's default partition. */
  private final String nodeLabel;
  private final ContainerLaunchPolicy policy;
  /**
   * Not shut down by {@link #close}: the ResourceManager may still hand out containers afterwards,
   * and they must be released. Daemon threads; they end with the ApplicationMaster's JVM.
   */
  private final ExecutorService loop = daemonThread("sluice-am-containers");
  private final ExecutorService staging = daemonThread("sluice-am-staging");

  // Owned by the loop thread.
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  /** Adopted containers whose executor has not re-registered yet. */
  private final java.util.Set<ContainerId> unclaimed = new java.util.HashSet<>();
  private final Map<ContainerId, Running> running = new HashMap<>();
  private final NodeExclusions exclusions;
  private boolean closed;
  /** For {@link #describe}, which any thread may call while the loop is busy. */
  private volatile String summary = "0 YARN container(s), 0 requested";
  private volatile java.util.function.Consumer<java.net.InetSocketAddress> onDriverListening = address -> { };
  private volatile List<Container> previous = List.of();
  private volatile int numbersUsed;
  private volatile long adoptionTimeoutMs;
  private volatile ExitListener adoptedGone = (executorId, diagnostics) ->
      log.warn("An adopted executor container ended before the scheduler started: {}", diagnostics);

  ExecutorContainers(ContainerAllocator resourceManager, ContainerStarter nodeManagers,
                     ContainerLaunchContexts launchContexts, long containerMemoryMb, int cores, String nodeLabel,
                     ContainerLaunchPolicy policy) {
    this.resourceManager = resourceManager;
    this.policy = policy;
    this.exclusions = new NodeExclusions(resourceManager, policy.nodeExclusionMs());
    this.nodeManagers = nodeManagers;
    this.launchContexts = launchContexts;
    this.capability = Resource.newInstance(containerMemoryMb, cores);
    this.nodeLabel = nodeLabel;
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(DaemonThreads.named(name));
  }

  /** What to do once the driver listens (register with the ResourceManager, publish its address). */
  void onDriverListening(java.util.function.Consumer<java.net.InetSocketAddress> hook) {
    this.onDriverListening = hook;
  }

  /**
   * The containers YARN kept from earlier attempts, the highest executor number those attempts
   * used, and how long their executors get to re-register before their containers are released.
   */
  void previousAttempt(List<Container> containers, int executorNumbersUsed, long adoptionTimeoutMs) {
    this.previous = List.copyOf(containers);
    this.numbersUsed = executorNumbersUsed;
    this.adoptionTimeoutMs = adoptionTimeoutMs;
    // Adopted right away, before the driver's address is published: an executor may re-register
    // (and be claimed) before the scheduler gets to adoptExecutors.
    post(() -> {
      for (Container container : previous) {
        running.put(container.getId(), new Running(null, (id, why) -> adoptedGone.exited(id, why),
            container.getNodeId(), false));
        unclaimed.add(container.getId());
        log.info("Adopted container {} on {} from an earlier attempt; expecting its executor to re-register",
            container.getId(), container.getNodeId());
      }
    });
  }

  @Override
  public void driverListening(java.net.InetSocketAddress address) {
    onDriverListening.accept(address);
  }

  @Override
  public int executorNumbersUsed() {
    return numbersUsed;
  }

  @Override
  public int adoptExecutors(ExitListener onGone) {
    adoptedGone = onGone;
    List<Container> adopted = previous;
    if (adopted.isEmpty()) {
      return 0;
    }
    later(adoptionTimeoutMs, this::releaseUnclaimed);
    return adopted.size();
  }

  @Override
  public void reattached(String executorId, String processId) {
    post(() -> {
      for (ContainerId id : List.copyOf(unclaimed)) {
        if (id.toString().equals(processId)) {
          unclaimed.remove(id);
          running.put(id, running.get(id).asRegistered(executorId));
          log.info("Executor {} in adopted container {} re-registered", executorId, id);
        }
      }
    });
  }

  /** The executor registered with the driver: its container started as it should. */
  @Override
  public void registered(String executorId) {
    post(() -> running.replaceAll((id, r) -> executorId.equals(r.executorId()) ? r.asRegistered(executorId) : r));
  }

  /**
   * The driver declared the executor lost while its container may still run: a paused JVM, or one on
   * a node that stopped heartbeating (YARN notices a lost node only after
   * {@code yarn.nm.liveness-monitor.expiry-interval-ms}, 10 min by default). Released, the container is
   * killed by its NodeManager (SIGKILL also ends a stopped process), so the old process cannot wake up
   * and work beside its replacement; its completion, which may come much later, is then ignored.
   */
  @Override
  public void stop(String executorId) {
    post(() -> {
      for (Map.Entry<ContainerId, Running> e : List.copyOf(running.entrySet())) {
        if (executorId.equals(e.getValue().executorId())) {
          running.remove(e.getKey());
          unclaimed.remove(e.getKey());
          resourceManager.release(e.getKey());
          log.info("Released container {} of lost executor {}", e.getKey(), executorId);
        }
      }
    });
  }

  /** Adopted containers whose executor did not come back in time: released, and replaced by the scheduler. */
  private void releaseUnclaimed() {
    for (ContainerId id : List.copyOf(unclaimed)) {
      unclaimed.remove(id);
      Running r = running.remove(id);
      resourceManager.release(id);
      if (r != null && !closed) {
        r.onExit().exited(null, "the executor in container " + id + " did not re-register within "
            + adoptionTimeoutMs + " ms");
      }
    }
  }

  @Override
  public void launch(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit) {
    post(() -> {
      ContainerRequest request = new ContainerRequest(capability, null, null, PRIORITY, true, nodeLabel);
      waiting.add(new Waiting(spec, secret, onExit, request));
      resourceManager.request(request);
      resourceManager.requestsPending(true);
      log.info("Requested a container ({}) for executor {}", capability, spec.executorId());
    });
  }

  /** Called by the ApplicationMaster's ResourceManager callback. */
  void allocated(List<Container> containers) {
    List<Container> copy = List.copyOf(containers);
    post(() -> {
      for (Container container : copy) {
        Waiting next = waiting.poll();
        if (next == null || closed) {
          log.info("Releasing surplus container {} on {}", container.getId(), container.getNodeId());
          resourceManager.release(container.getId());
          continue;
        }
        // Without this the request stays outstanding and YARN keeps allocating containers for it.
        resourceManager.withdraw(next.request());
        start(container, next);
      }
      resourceManager.requestsPending(!waiting.isEmpty());
    });
  }

  private void start(Container container, Waiting w) {
    ExecutorLaunchSpec spec = w.spec().withBindHost(container.getNodeId().getHost());
    running.put(container.getId(), new Running(spec.executorId(), w.onExit(), container.getNodeId(), false));
    try {
      staging.execute(() -> {
        try {
          ContainerLaunchContext context = launchContexts.forExecutor(spec, w.secret());
          post(() -> staged(container, spec, context));
        } catch (Exception | LinkageError e) {
          post(() -> couldNotStart(container, spec, e));
        }
      });
    } catch (RejectedExecutionException e) {
      couldNotStart(container, spec, e);
    }
  }

  private void staged(Container container, ExecutorLaunchSpec spec, ContainerLaunchContext context) {
    if (!running.containsKey(container.getId())) {
      log.info("Not starting executor {}: container {} already ended", spec.executorId(), container.getId());
      return;
    }
    if (closed) {
      running.remove(container.getId());
      resourceManager.release(container.getId());
      return;
    }
    try {
      nodeManagers.start(container, context);
      log.info("Starting executor {} in container {} on {}", spec.executorId(), container.getId(),
          container.getNodeId().getHost());
      later(policy.registrationTimeoutMs(), () -> registrationOverdue(container.getId()));
    } catch (RuntimeException e) {
      couldNotStart(container, spec, e);
    }
  }

  private void couldNotStart(Container container, ExecutorLaunchSpec spec, Throwable e) {
    log.error("Could not start executor {} in container {}: {}", spec.executorId(), container.getId(), e.toString());
    resourceManager.release(container.getId());
    Running r = running.remove(container.getId());
    if (r != null) {
      r.onExit().exited(spec.executorId(), "its container could not be started: " + e);
    }
  }

  /** Called by the ApplicationMaster's ResourceManager callback. */
  void completed(List<ContainerStatus> statuses) {
    List<ContainerStatus> copy = List.copyOf(statuses);
    post(() -> {
      for (ContainerStatus status : copy) {
        Running r = running.remove(status.getContainerId());
        unclaimed.remove(status.getContainerId());
        if (r == null) {
          log.info("Ignoring the end of container {} (not one of this attempt's executors or adopted): exit {}",
              status.getContainerId(), status.getExitStatus());
          continue;
        }
        if (!closed) {
          String why = "container " + status.getContainerId() + " exited with status " + status.getExitStatus()
              + diagnostics(status.getDiagnostics());
          if (r.executorId() != null && !r.registered()) {
            exclude(r.node(), "executor " + r.executorId() + " ended before it registered: " + why);
          }
          r.onExit().exited(r.executorId(), why);
        }
      }
    });
  }

  /** Called by the NodeManager callback: the container never ran. */
  void startFailed(ContainerId id, Throwable error) {
    post(() -> {
      Running r = running.remove(id);
      resourceManager.release(id);
      if (r != null && !closed) {
        String why = "container " + id + " could not be started: " + error;
        exclude(r.node(), why);
        r.onExit().exited(r.executorId(), why);
      }
    });
  }

  /**
   * The NodeManager was asked to start the container {@code registrationTimeoutMs} ago and its
   * executor has not registered: the start hangs (e.g. a NodeManager that died unnoticed, whose
   * client retries for minutes) or the executor cannot reach the driver. Released, its node excluded,
   * and reported as ended, so the scheduler asks for a replacement.
   */
  private void registrationOverdue(ContainerId id) {
    Running r = running.get(id);
    if (r == null || r.registered() || closed) {
      return;
    }
    running.remove(id);
    resourceManager.release(id);
    String why = "its container " + id + " on " + r.node() + " was started " + policy.registrationTimeoutMs()
        + " ms ago and the executor has not registered (sluice.executor.registrationTimeout)";
    exclude(r.node(), "executor " + r.executorId() + ": " + why);
    log.warn("Released container {}: executor {} did not register in time", id, r.executorId());
    r.onExit().exited(r.executorId(), why);
  }

  private void exclude(NodeId node, String why) {
    String name = policy.nodeName(node);
    if (exclusions.exclude(name, why)) {
      later(exclusions.durationMs(), () -> exclusions.readmit(name));
    }
  }

  /** Posts {@code event} to the loop after {@code delayMs}. */
  private void later(long delayMs, Runnable event) {
    java.util.concurrent.CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(() -> {
      try {
        post(event);
      } catch (SluiceException e) {
        log.debug("Not run after {} ms: {}", delayMs, e.getMessage());
      }
    });
  }

  /** Nodes excluded now, as the scheduler names them. */
  java.util.Set<String> excludedNodesForTests() throws InterruptedException, ExecutionException, TimeoutException {
    return loop.submit(exclusions::excluded).get(10, TimeUnit.SECONDS);
  }

  private static String diagnostics(String text) {
    return text == null || text.isBlank() ? "" : " (" + text.strip().lines().findFirst().orElse("") + ")";
  }

  @Override
  public String describe() {
    return summary;
  }

  /** Withdraws open requests; the containers themselves end when told to stop or when the AM unregisters. */
  @Override
  public void close() {
    post(() -> {
      closed = true;
      for (Waiting w : waiting) {
        resourceManager.withdraw(w.request());
      }
      waiting.clear();
    });
  }

  /**
   * Returns once the loop has handled everything posted before, including launch contexts being
   * built and their results: tests call it after playing callbacks instead of sleeping.
   */
  void awaitIdleForTests() throws InterruptedException, ExecutionException, TimeoutException {
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
    staging.submit(() -> { }).get(10, TimeUnit.SECONDS);
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
  }

  private void post(Runnable event) {
    try {
      loop.execute(() -> {
        try {
          event.run();
        } catch (RuntimeException e) {
          log.error("Executor container event failed", e);
        }
        summary = running.size() + " YARN container(s), " + waiting.size() + " requested";
      });
    } catch (RejectedExecutionException e) {
      throw new SluiceException("The executor container loop has stopped", e);
    }
  }

  static long containerMemoryMb(long heapMb, java.util.Optional<Long> overheadMb) {
    return heapMb + overheadMb.orElse(Math.max(384L, heapMb / 10));
  }
}
