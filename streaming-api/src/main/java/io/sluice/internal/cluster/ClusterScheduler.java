package io.sluice.internal.cluster;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ClusterMessages.ExecutorAddress;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.rpc.RpcPeer;
import io.sluice.internal.rpc.RpcServer;
import io.sluice.internal.rpc.RpcSettings;
import io.sluice.internal.rpc.Secrets;
import io.sluice.internal.rpc.StreamSource;
import io.sluice.internal.scheduler.ClusterBackend;
import io.sluice.internal.scheduler.ExecutorListener;
import io.sluice.internal.scheduler.TaskDescription;
import io.sluice.internal.scheduler.TaskOutcome;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.util.Clock;
import io.sluice.internal.util.DaemonThreads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of executors that are separate processes ({@code local-cluster}, YARN): starts
 * them through an {@link ExecutorLauncher}, accepts their registration on an authenticated RPC
 * server, places tasks on free cores (where their data is, when possible), and declares an executor
 * lost when its connection drops or its heartbeats stop: its running tasks are rerun, its shuffle
 * output forgotten (so it is recomputed) and a replacement is started, up to a failure budget.
 *
 * <p>Threads: all scheduling state is owned by one event-loop thread; RPC handlers, the heartbeat
 * check and callers of {@link #launchTask} only post to it. Block locations and executor addresses
 * are concurrent maps read from any thread.
 */
public final class ClusterScheduler implements ClusterBackend {
  private static final Logger log = LoggerFactory.getLogger(ClusterScheduler.class);
  private static final long SCHEDULE_TICK_MS = 100;

  private final SluiceConf conf;
  private final ExecutorLauncher launcher;
  private final MapOutputTracker mapOutputs;
  private final Clock clock;
  private final int targetExecutors;
  private final int coresPerExecutor;
  private final long memoryMb;
  private final long heartbeatTimeoutMs;
  private final int maxExecutorFailures;
  private final RecentFailures executorFailures;
  private final byte[] secret;
  private final ScheduledExecutorService loop;
  private final BlockLocations blockLocations = new BlockLocations();
  private final Map<String, ExecutorAddress> addresses = new ConcurrentHashMap<>();
  // Each executor's block-store memory as its last heartbeat reported (for metrics; any thread reads).
  private final Map<String, Long> blockMemory = new ConcurrentHashMap<>();
  /**
   * Which registered executor speaks over each driver connection, read by RPC handlers for every
   * message. Written only on the loop thread, next to {@link #executors}, but kept concurrent so that
   * a handler never waits for the loop: it used to ask the loop, and after {@link #close} shut the
   * loop down, executors' last messages (block removals, task reports) sent while stopping failed
   * with "The cluster scheduler failed: ... RejectedExecutionException", logged as a handler failure.
   */
  private final Map<RpcPeer, String> executorsByPeer = new ConcurrentHashMap<>();
  private final DriverEndpoint endpoint;
  private final RpcServer server;
  private final AtomicInteger nextExecutorNumber = new AtomicInteger();

  // Owned by the loop thread.
  private final Map<String, ExecutorSlot> executors = new LinkedHashMap<>();
  private final TaskPlacement tasks;
  private final java.util.Set<String> gone = new java.util.HashSet<>(); // lost or exited, never counted twice
  private final List<ExecutorListener> executorListeners = new ArrayList<>();
  private ClusterMessages.UpdateCredentials latestCredentials; // the newest tokens sent, or null
  private String startupFailure;
  private String fatalError;
  private boolean stopping;
  private boolean started;


  /**
   * Starts the RPC server and {@code executors} executor processes and waits until they have all
   * registered ({@code sluice.executor.registrationTimeout}).
   *
   * @param bindHost the address the driver listens on and hands to executors
   * @param driverEnv the driver's block store, served to executors (broadcast values)
   * @param clock judges heartbeat silence, locality waits, failure windows and the registration
   *     timeout; the loop's wake-ups stay on wall time, so a manual clock only changes what they decide
   */
  public ClusterScheduler(SluiceConf conf, String bindHost, int executors, int coresPerExecutor, long memoryMb,
                          ExecutorLauncher launcher, ExecutorEnv driverEnv, MapOutputTracker mapOutputs, Clock clock) {
    this(conf, bindHost, executors, coresPerExecutor, memoryMb, launcher, driverEnv, mapOutputs, clock,
        authenticate(conf) ? Secrets.generate() : null);
  }

  /**
   * As above, with the application's secret given (null: authentication off) rather than generated:
   * on YARN it must stay the same across ApplicationMaster attempts, so that executors kept from an
   * earlier attempt can authenticate to this driver.
   */
  public ClusterScheduler(SluiceConf conf, String bindHost, int executors, int coresPerExecutor, long memoryMb,
                          ExecutorLauncher launcher, ExecutorEnv driverEnv, MapOutputTracker mapOutputs, Clock clock,
                          byte[] secret) {
    this.conf = conf;
    this.launcher = launcher;
    this.mapOutputs = mapOutputs;
    this.clock = clock;
    this.targetExecutors = executors;
    this.coresPerExecutor = coresPerExecutor;
    this.memoryMb = memoryMb;
    this.tasks = new TaskPlacement(SluiceOptions.LOCALITY_WAIT_MS.get(conf));
    this.heartbeatTimeoutMs = SluiceOptions.NETWORK_TIMEOUT_MS.get(conf);
    this.maxExecutorFailures = SluiceOptions.EXECUTOR_MAX_FAILURES.getOption(conf).orElse(Math.max(3, 2 * executors));
    this.executorFailures = new RecentFailures(SluiceOptions.EXECUTOR_FAILURES_VALIDITY_MS.get(conf));
    this.secret = secret == null ? null : secret.clone();
    // Read by every executor; a bad value fails the driver's start here rather than each executor later.
    SluiceOptions.EXECUTOR_DRIVER_LOSS_TIMEOUT_MS.get(conf);
    this.loop = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-cluster-scheduler"));
    this.endpoint = new DriverEndpoint(this, driverEnv, blockLocations, addresses,
        java.time.Duration.ofMillis(heartbeatTimeoutMs));
    StreamSource blocks = streamId -> {
      BlockId block = ClusterMessages.blockOfStream(streamId);
      return block == null ? Optional.empty()
          : driverEnv.blockManager().getBytes(block).map(java.io.ByteArrayInputStream::new);
    };
    this.server = RpcServer.start(bindHost, 0, secret, endpoint, blocks, RpcSettings.fromConf(conf));
    loop.scheduleWithFixedDelay(this::schedule, SCHEDULE_TICK_MS, SCHEDULE_TICK_MS, TimeUnit.MILLISECONDS);
    long heartbeatCheck = Math.max(100, Math.min(SluiceOptions.EXECUTOR_HEARTBEAT_INTERVAL_MS.get(conf),
        heartbeatTimeoutMs / 2));
    loop.scheduleWithFixedDelay(this::expireSilentExecutors, heartbeatCheck, heartbeatCheck, TimeUnit.MILLISECONDS);
    try {
      launcher.driverListening(server.address());
      nextExecutorNumber.set(launcher.executorNumbersUsed());
      int adopted = Math.min(executors, launcher.adoptExecutors(this::adoptedExecutorGone));
      if (adopted > 0) {
        log.info("Expecting {} executor(s) kept from an earlier driver to re-register", adopted);
      }
      for (int i = adopted; i < executors; i++) {
        launchExecutor();
      }
      awaitExecutors(SluiceOptions.EXECUTOR_REGISTRATION_TIMEOUT_MS.get(conf));
      post(() -> started = true);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** {@code sluice.authenticate}, on unless set to false: these executors are reached over the network. */
  private static boolean authenticate(SluiceConf conf) {
    return SluiceOptions.AUTHENTICATE.getOption(conf).orElse(true);
  }

  private void launchExecutor() {
    String id = "exec-" + nextExecutorNumber.incrementAndGet();
    ExecutorLaunchSpec spec = new ExecutorLaunchSpec(server.address().getHostString(), server.port(), id,
        coresPerExecutor, memoryMb, server.address().getHostString(), conf.getAll());
    log.info("Starting executor {} ({} cores, {} MB)", id, coresPerExecutor, memoryMb);
    launcher.launch(spec, secret, this::processExited);
  }

  private void awaitExecutors(long timeoutMs) {
    long deadline = clock.currentTimeMillis() + timeoutMs;
    while (true) {
      int registered = call(() -> executors.size());
      String failure = call(() -> startupFailure);
      if (failure != null) {
        throw new SluiceException("An executor failed to start: " + failure);
      }
      if (registered >= targetExecutors) {
        log.info("All {} executors registered ({})", registered, launcher.describe());
        return;
      }
      if (clock.currentTimeMillis() > deadline) {
        throw new SluiceException("Only " + registered + " of " + targetExecutors + " executors registered within "
            + timeoutMs + " ms (sluice.executor.registrationTimeout); see the executor logs of "
            + launcher.describe());
      }
      pauseBeforeNextLook();
    }
  }

  /**
   * Registrations arrive on the loop, which this thread only queries; a short real-time pause keeps
   * the polling cheap, while the deadline itself is read from the clock.
   */
  private static void pauseBeforeNextLook() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while waiting for executors to register", e);
    }
  }

  // ---------------------------------------------------------------- ClusterBackend

  @Override
  public int totalCores() {
    return targetExecutors * coresPerExecutor;
  }

  @Override
  public void launchTask(TaskDescription task, Consumer<TaskOutcome> onDone) {
    post(() -> {
      if (fatalError != null) {
        onDone.accept(new TaskOutcome.Failure(new SluiceException(fatalError)));
        return;
      }
      tasks.add(task, onDone, clock.currentTimeMillis());
      schedule();
    });
  }

  /**
   * Sends fresh delegation tokens to every executor ({@link DelegationTokens}), and to every executor
   * that registers later: its container's launch context holds the tokens current when it was
   * launched, which may have been replaced (and soon expire) by the time a slow container starts.
   */
  public void updateCredentials(byte[] tokens) {
    ClusterMessages.UpdateCredentials update = new ClusterMessages.UpdateCredentials(tokens);
    post(() -> {
      latestCredentials = update;
      executors.values().forEach(slot -> send(slot, update));
    });
  }

  @Override
  public List<String> executorIds() {
    return List.copyOf(addresses.keySet());
  }

  @Override
  public List<String> blockLocations(BlockId block) {
    return blockLocations.holders(block);
  }

  @Override
  public java.util.Set<BlockId> trackedBlocks() {
    return blockLocations.blocks();
  }

  @Override
  public Map<String, Long> executorBlockMemoryBytes() {
    return Map.copyOf(blockMemory);
  }

  @Override
  public void removeBlocks(Collection<? extends BlockId> blocks) {
    List<BlockId> ids = List.copyOf(blocks);
    ids.forEach(blockLocations::forget);
    tellAll(new ClusterMessages.RemoveBlocks(ids));
  }

  @Override
  public void removeRdd(int rddId) {
    blockLocations.forgetRdd(rddId);
    tellAll(new ClusterMessages.RemoveRdd(rddId));
  }

  @Override
  public void removeShuffle(int shuffleId) {
    tellAll(new ClusterMessages.RemoveShuffle(shuffleId));
  }

  /** The application's secret, or null when authentication is off (for tests of the transport). */
  byte[] secretForTests() {
    return secret == null ? null : secret.clone();
  }

  /**
   * Runs the periodic heartbeat check and a scheduling pass now and returns once the loop has done
   * them and everything posted before: tests move a manual clock, then call this instead of waiting
   * for the next tick.
   */
  void checkNowForTests() {
    call(() -> {
      expireSilentExecutors();
      schedule();
      return null;
    });
  }

  /** Tasks waiting for a core (or for their preferred executor), as the loop sees them now. */
  int pendingTasksForTests() {
    return call(tasks::waitingCount);
  }

  /** The block servers of the executors alive now. */
  public List<ExecutorAddress> executorAddresses() {
    return List.copyOf(addresses.values());
  }

  @Override
  public Map<String, String> executorHostPorts() {
    Map<String, String> hostPorts = new java.util.TreeMap<>();
    addresses.forEach((id, address) -> hostPorts.put(id, address.host() + ":" + address.port()));
    return hostPorts;
  }

  /** Where the driver's RPC server listens. */
  public java.net.InetSocketAddress address() {
    return server.address();
  }

  @Override
  public void close() {
    List<RpcPeer> peers = call(() -> {
      stopping = true;
      List<RpcPeer> all = new ArrayList<>();
      executors.values().forEach(e -> all.add(e.peer));
      return all;
    });
    for (RpcPeer peer : peers) {
      try {
        peer.send(new ClusterMessages.StopExecutor("the application is stopping"));
      } catch (RuntimeException e) {
        log.debug("Could not tell executor at {} to stop: {}", peer.address(), e.toString());
      }
    }
    loop.shutdownNow();
    server.close();
    launcher.close();
  }

  /** On the loop, so the executors alive now are announced before any later change. */
  @Override
  public void addExecutorListener(ExecutorListener listener) {
    post(() -> {
      executors.values().forEach(slot -> listener.executorAdded(slot.address.executorId(), hostPort(slot.address),
          slot.cores));
      executorListeners.add(listener);
    });
  }

  private static String hostPort(ExecutorAddress address) {
    return address.host() + ":" + address.port();
  }

  // ---------------------------------------------------------------- events (from the endpoint)

  CompletableFuture<Boolean> executorRegistered(ExecutorAddress address, int cores, RpcPeer peer) {
    CompletableFuture<Boolean> reply = new CompletableFuture<>();
    post(() -> {
      if (stopping) {
        reply.completeExceptionally(new SluiceException("the application is stopping"));
      } else if (executors.containsKey(address.executorId())) {
        reply.completeExceptionally(new SluiceException("executor " + address.executorId() + " is already registered"));
      } else if (gone.contains(address.executorId())) {
        // A process this driver declared lost (paused past the heartbeat timeout, cut off by a network
        // partition) wakes up and tries to rejoin: its tasks were rerun and a replacement started, so
        // letting it back would run one executor more than asked under an id already written off.
        // False, not an error: the executor ends at once instead of retrying.
        log.warn("Refused executor {} at {}:{}: this driver declared it lost", address.executorId(), address.host(),
            address.port());
        reply.complete(Boolean.FALSE);
      } else {
        executors.put(address.executorId(), new ExecutorSlot(address, peer, cores, clock.currentTimeMillis()));
        addresses.put(address.executorId(), address);
        executorsByPeer.put(peer, address.executorId());
        log.info("Registered executor {} at {}:{} with {} cores", address.executorId(), address.host(), address.port(),
            cores);
        executorListeners.forEach(l -> l.executorAdded(address.executorId(), hostPort(address), cores));
        launcher.registered(address.executorId());
        reply.complete(Boolean.TRUE);
        if (latestCredentials != null) {
          send(executors.get(address.executorId()), latestCredentials);
        }
        schedule();
      }
    });
    return reply;
  }

  /**
   * An executor that outlived an earlier driver joins this one under its old id, with the blocks it
   * still holds: they count as located there again, so block RDDs read them from it rather than
   * from the write-ahead log.
   */
  CompletableFuture<Boolean> executorReattached(ClusterMessages.ReattachExecutor r, RpcPeer peer) {
    ExecutorAddress address = new ExecutorAddress(r.executorId(), r.host(), r.port());
    CompletableFuture<Boolean> reply = executorRegistered(address, r.cores(), peer);
    return reply.thenApply(ok -> {
      if (!ok) {
        return ok;
      }
      r.blocks().forEach(block -> blockLocations.update(r.executorId(), block, true));
      launcher.reattached(r.executorId(), r.processId());
      log.info("Executor {} came back from an earlier driver with {} block(s)", r.executorId(), r.blocks().size());
      return ok;
    });
  }

  /**
   * An executor kept from an earlier driver ended, or never came back in time ({@code executorId}
   * null): like any lost executor it is replaced, but a missing one does not fail the start.
   */
  private void adoptedExecutorGone(String executorId, String diagnostics) {
    if (executorId != null) {
      processExited(executorId, diagnostics);
      return;
    }
    post(() -> {
      if (stopping) {
        return;
      }
      log.warn("An executor kept from an earlier driver did not come back ({}); starting a replacement", diagnostics);
      launchExecutor();
    });
  }

  /** The launcher saw the process end: lost if it had registered; a failed start if it had not. */
  void processExited(String executorId, String diagnostics) {
    post(() -> {
      if (executors.containsKey(executorId)) {
        executorLost(executorId, diagnostics);
      } else if (!stopping && gone.add(executorId)) {
        log.warn("Executor {} ended before it registered: {}", executorId, diagnostics);
        if (startupFailure == null && !started) {
          startupFailure = "executor " + executorId + " " + diagnostics;
        } else {
          countFailureAndReplace(executorId, diagnostics);
        }
      }
    });
  }

  /** @param blockMemoryBytes bytes in memory in the executor's block store, or -1 when not reported */
  void heartbeat(String executorId, long blockMemoryBytes) {
    post(() -> {
      ExecutorSlot slot = executors.get(executorId);
      if (slot != null) {
        slot.lastHeartbeatMs = clock.currentTimeMillis();
        if (blockMemoryBytes >= 0) {
          blockMemory.put(executorId, blockMemoryBytes);
        }
      }
    });
  }

  void disconnected(RpcPeer peer) {
    post(() -> executors.entrySet().stream().filter(e -> e.getValue().peer == peer).map(Map.Entry::getKey)
        .findFirst().ifPresent(id -> executorLost(id, "its connection to the driver closed")));
  }

  /** A task ended on an executor; later reports for the same task (after a loss) are ignored. */
  void taskEnded(long taskId, TaskOutcome outcome) {
    post(() -> {
      TaskPlacement.Running task = tasks.ended(taskId);
      if (task == null) {
        return;
      }
      ExecutorSlot slot = executors.get(task.executorId());
      if (slot != null) {
        slot.freeCores++;
      }
      task.onDone().accept(outcome);
      schedule();
    });
  }

  /** The registered executor on the other end of {@code peer}; any thread, also while stopping. */
  Optional<String> executorOf(RpcPeer peer) {
    return Optional.ofNullable(executorsByPeer.get(peer));
  }

  // ---------------------------------------------------------------- on the loop thread

  private void schedule() {
    tasks.placeWaiting(executors, clock.currentTimeMillis(), this::launchOn);
  }

  private void launchOn(ExecutorSlot slot, TaskPlacement.Running task) {
    try {
      slot.peer.send(new ClusterMessages.LaunchTask(task.task()));
    } catch (RuntimeException e) {
      if (slot.peer.isOpen()) {
        // The task itself cannot be sent (e.g. larger than a frame): a failure of the task, not the executor.
        tasks.ended(task.task().taskId());
        slot.freeCores++;
        task.onDone().accept(new TaskOutcome.Failure(new SluiceException("Could not send " + task.task().name()
            + " to executor " + slot.id() + ": " + e.getMessage(), e)));
      } else {
        executorLost(slot.id(), "sending a task failed: " + e.getMessage());
      }
    }
  }

  private void expireSilentExecutors() {
    long now = clock.currentTimeMillis();
    for (Map.Entry<String, ExecutorSlot> e : List.copyOf(executors.entrySet())) {
      long silent = now - e.getValue().lastHeartbeatMs;
      if (silent > heartbeatTimeoutMs) {
        executorLost(e.getKey(), "no heartbeat for " + silent + " ms (sluice.network.timeout " + heartbeatTimeoutMs
            + " ms)");
      }
    }
  }

  private void executorLost(String executorId, String reason) {
    ExecutorSlot slot = executors.remove(executorId);
    if (slot == null) {
      return;
    }
    gone.add(executorId);
    addresses.remove(executorId);
    blockMemory.remove(executorId);
    executorsByPeer.remove(slot.peer);
    slot.peer.close();
    if (stopping) {
      return; // not reported: the event log keeps the executors the application ended with
    }
    executorListeners.forEach(l -> l.executorRemoved(executorId, reason));
    // The process may still run (paused, or its node unreachable); it must not resume the lost executor's work.
    launcher.stop(executorId);
    blockLocations.removeExecutor(executorId);
    int outputs = mapOutputs.removeOutputsOnExecutor(executorId);
    List<TaskPlacement.Running> lostTasks = tasks.removeRunningOn(executorId);
    log.warn("Lost executor {}: {}. {} running task(s) will be rerun; {} shuffle output(s) it held will be "
        + "recomputed", executorId, reason, lostTasks.size(), outputs);
    for (TaskPlacement.Running t : lostTasks) {
      t.onDone().accept(new TaskOutcome.ExecutorLost(executorId));
    }
    countFailureAndReplace(executorId, reason);
  }

  private void countFailureAndReplace(String executorId, String reason) {
    int recentFailures = executorFailures.record(clock.currentTimeMillis());
    if (recentFailures > maxExecutorFailures) {
      fatalError = "Lost " + recentFailures + " executors within " + executorFailures.windowMs()
          + " ms (sluice.executor.failuresValidityInterval), more than sluice.executor.maxFailures ("
          + maxExecutorFailures + "); last: " + executorId + " (" + reason + ")";
      log.error(fatalError);
      tasks.failWaiting(fatalError);
      return;
    }
    launchExecutor();
    schedule();
  }

  private void tellAll(Object message) {
    post(() -> executors.values().forEach(slot -> send(slot, message)));
  }

  private static void send(ExecutorSlot slot, Object message) {
    try {
      slot.peer.send(message);
    } catch (RuntimeException e) {
      log.debug("Could not send {} to executor {}: {}", message, slot.address.executorId(), e.toString());
    }
  }

  private void post(Runnable event) {
    try {
      loop.execute(() -> {
        try {
          event.run();
        } catch (RuntimeException e) {
          log.error("Cluster scheduler event failed", e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("Cluster scheduler stopped; event dropped");
    }
  }

  private <T> T call(java.util.function.Supplier<T> query) {
    try {
      return CompletableFuture.supplyAsync(query, loop).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while querying the cluster scheduler", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
      throw new SluiceException("The cluster scheduler failed: " + e.getMessage(), e);
    }
  }
}
