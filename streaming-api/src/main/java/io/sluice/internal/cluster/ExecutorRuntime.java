package io.sluice.internal.cluster;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.cluster.ClusterMessages.ExecutorAddress;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.executor.DriverEndpoints;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.rpc.RpcCall;
import io.sluice.internal.rpc.RpcClient;
import io.sluice.internal.rpc.RpcHandler;
import io.sluice.internal.rpc.RpcPeer;
import io.sluice.internal.rpc.RpcServer;
import io.sluice.internal.rpc.RpcSettings;
import io.sluice.internal.rpc.StreamSource;
import io.sluice.internal.scheduler.TaskDescription;
import io.sluice.internal.scheduler.TaskOutcome;
import io.sluice.internal.scheduler.TaskRunner;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.serializer.Serializers;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.storage.BlockReporter;
import io.sluice.internal.streaming.receiver.ReceiverTrackerEndpoint;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor process: connects to the driver and registers, runs the tasks it is sent on
 * {@code cores} threads, keeps a block store that it serves to the driver and to other executors
 * (shuffle output, received blocks and their replicas, large task results), heartbeats, and ends
 * when the driver tells it to or the driver's connection is gone.
 *
 * <p>With a {@link DriverLocator} (YARN) losing the driver is not the end: the executor stops its
 * running tasks and receivers, keeps its blocks, and for {@code sluice.executor.driverLossTimeout}
 * looks for the next driver, to which it re-registers under the same id with the blocks it holds.
 */
public final class ExecutorRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutorRuntime.class);

  private final ExecutorLaunchSpec spec;
  private final SluiceConf conf;
  private final ExecutorEnv env;
  private final BlockManager blocks;
  private final RpcServer blockServer;
  private final byte[] secret;
  private final StreamSource blockSource;
  private final RpcSettings settings;
  private final DriverLocator locator;
  private final long driverLossTimeoutMs;
  private volatile RpcClient driver;
  /** The handler of the current driver connection; a handler told of its own disconnect after a newer one exists is stale. */
  private volatile DriverMessages driverHandler;
  /** One driver-loss wait at a time: a failed re-registration also ends in a disconnect. */
  private final java.util.concurrent.atomic.AtomicBoolean awaitingDriver = new java.util.concurrent.atomic.AtomicBoolean();
  private final PeerClients peers;
  private final RemoteReceiverTracker receiverTracker;
  private volatile ExecutorService taskPool;
  private final ScheduledExecutorService heartbeats;
  private final long maxDirectResultBytes;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicReference<String> endReason = new AtomicReference<>();

  /**
   * Starts the block server, connects to the driver and registers.
   *
   * @throws SluiceException when the driver cannot be reached or refuses the registration
   */
  public ExecutorRuntime(ExecutorLaunchSpec spec, byte[] secret) {
    this(spec, secret, null);
  }

  /**
   * As above; {@code locator} (null: none) lets it outlive its driver and join the next one.
   *
   * @throws SluiceException when the driver cannot be reached or refuses the registration
   */
  public ExecutorRuntime(ExecutorLaunchSpec spec, byte[] secret, DriverLocator locator) {
    this.spec = spec;
    this.secret = secret;
    this.locator = locator;
    this.conf = new SluiceConf(false);
    spec.conf().forEach(conf::set);
    Serializer dataSerializer = Serializers.forData(conf);
    Serializer closureSerializer = Serializers.forClosures(conf);
    long memory = (long) (Runtime.getRuntime().maxMemory() * SluiceOptions.STORAGE_MEMORY_FRACTION.get(conf));
    this.blocks = new BlockManager(spec.executorId(), dataSerializer, memory,
        new File(SluiceOptions.LOCAL_DIR.get(conf)));
    this.maxDirectResultBytes = SluiceOptions.TASK_MAX_DIRECT_RESULT_MB.get(conf) * 1024 * 1024;
    Duration timeout = Duration.ofMillis(SluiceOptions.NETWORK_TIMEOUT_MS.get(conf));
    this.driverLossTimeoutMs = SluiceOptions.EXECUTOR_DRIVER_LOSS_TIMEOUT_MS.get(conf);
    RpcSettings settings = RpcSettings.fromConf(conf);
    this.settings = settings;
    StreamSource blockSource = streamId -> {
      BlockId block = ClusterMessages.blockOfStream(streamId);
      return block == null ? Optional.empty() : blocks.getBytes(block).map(ByteArrayInputStream::new);
    };
    this.blockSource = blockSource;
    this.peers = new PeerClients(secret, settings);
    this.receiverTracker = new RemoteReceiverTracker(timeout);
    this.blockServer = RpcServer.start(spec.bindHost(), 0, secret, this::answerPeer, blockSource, settings);
    this.taskPool = newTaskPool();
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("sluice-executor-heartbeat",
        new AtomicInteger()));
    this.driver = connectToDriver(new InetSocketAddress(spec.driverHost(), spec.driverPort()));
    receiverTracker.connect(driver);
    ExecutorAddress self = new ExecutorAddress(spec.executorId(), spec.bindHost(), blockServer.port());
    ExecutorBlockTransfer transfer = new ExecutorBlockTransfer(self, blocks, () -> driver, peers, timeout);
    DriverEndpoints endpoints = new DriverEndpoints();
    endpoints.register(ReceiverTrackerEndpoint.class, receiverTracker);
    this.env = new ExecutorEnv(spec.executorId(), conf, dataSerializer, closureSerializer, blocks, transfer, endpoints);
    blocks.setReporter(new BlockReporter() {
      @Override
      public void added(BlockId id) {
        tellDriver(new ClusterMessages.BlockUpdate(spec.executorId(), id, true));
      }

      @Override
      public void removed(BlockId id) {
        tellDriver(new ClusterMessages.BlockUpdate(spec.executorId(), id, false));
      }
    });
    register(timeout);
    long interval = SluiceOptions.EXECUTOR_HEARTBEAT_INTERVAL_MS.get(conf);
    heartbeats.scheduleWithFixedDelay(() -> tellDriver(new ClusterMessages.Heartbeat(spec.executorId(),
        blocks.memoryUsed())), interval, interval, TimeUnit.MILLISECONDS);
  }

  private ExecutorService newTaskPool() {
    return Executors.newFixedThreadPool(spec.cores(), io.sluice.internal.util.DaemonThreads.tasks("sluice-executor-task"));
  }

  private RpcClient connectToDriver(InetSocketAddress address) {
    try {
      return openDriverConnection(address);
    } catch (RuntimeException e) {
      close();
      throw new SluiceException("Executor " + spec.executorId() + " could not connect to the driver at "
          + spec.driverHost() + ":" + spec.driverPort() + ": " + e.getMessage(), e);
    }
  }

  private RpcClient openDriverConnection(InetSocketAddress address) {
    DriverMessages handler = new DriverMessages();
    driverHandler = handler;
    return RpcClient.connect(address, secret, handler, blockSource, settings);
  }

  private void register(Duration timeout) {
    try {
      Object accepted = driver.ask(new ClusterMessages.RegisterExecutor(spec.executorId(), spec.bindHost(),
          blockServer.port(), spec.cores(), blocks.maxMemory()), timeout).get();
      if (!Boolean.TRUE.equals(accepted)) {
        throw new SluiceException("the driver refused it (it declared " + spec.executorId() + " lost)");
      }
    } catch (Exception e) {
      close();
      throw new SluiceException("Executor " + spec.executorId() + " could not register with the driver at "
          + spec.driverHost() + ":" + spec.driverPort() + ": " + e.getMessage(), e);
    }
    log.info("Executor {} registered with the driver at {}:{} ({} cores, block server on port {})",
        spec.executorId(), spec.driverHost(), spec.driverPort(), spec.cores(), blockServer.port());
  }

  public ExecutorEnv env() {
    return env;
  }

  /** Blocks until the driver tells this executor to stop or goes away; returns why. */
  public String awaitEnd() throws InterruptedException {
    ended.await();
    return endReason.get();
  }

  private void end(String reason) {
    if (endReason.compareAndSet(null, reason)) {
      log.info("Executor {} ending: {}", spec.executorId(), reason);
      ended.countDown();
    }
  }

  @Override
  public void close() {
    end("closed");
    heartbeats.shutdownNow();
    taskPool.shutdownNow();
    receiverTracker.stopAll("the executor is closing");
    if (driver != null) {
      driver.close();
    }
    peers.close();
    if (blockServer != null) {
      blockServer.close();
    }
    blocks.close();
  }

  // ---------------------------------------------------------------- driver loss

  /**
   * The driver is gone: its tasks and receivers are of no use to anyone (the next driver reruns
   * what it needs), but the blocks are, so they stay. Polls the locator until a driver accepts the
   * re-registration, or ends the executor after {@code sluice.executor.driverLossTimeout}.
   */
  private void awaitNextDriver(String why) {
    log.warn("Executor {}: {}; stopping its tasks, keeping its {} block(s) and waiting up to {} ms "
        + "(sluice.executor.driverLossTimeout) for a new driver", spec.executorId(), why, blocks.blockIds().size(),
        driverLossTimeoutMs);
    ExecutorService old = taskPool;
    taskPool = newTaskPool();
    old.shutdownNow();
    receiverTracker.stopAll("the driver was lost");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(driverLossTimeoutMs);
    String lastProblem = "no driver address published";
    while (System.nanoTime() < deadline && endReason.get() == null) {
      try {
        Optional<InetSocketAddress> address = locator.find();
        if (address.isPresent()) {
          if (!reattach(address.get())) {
            // The driver this executor lost was not gone: it declared the executor lost (silent past the
            // heartbeat timeout), reran its tasks and started a replacement. Waiting on cannot help.
            end(why + ", and the driver at " + address.get() + " refused it back: it declared this executor lost");
            return;
          }
          awaitingDriver.set(false);
          return;
        }
      } catch (Exception e) {
        lastProblem = e.getMessage();
        log.debug("Executor {}: no new driver yet: {}", spec.executorId(), e.toString());
      }
      try {
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    end(why + ", and no new driver accepted this executor within " + driverLossTimeoutMs
        + " ms (sluice.executor.driverLossTimeout); last: " + lastProblem);
  }

  /** @return false when the driver refused this executor back */
  private boolean reattach(InetSocketAddress address) throws Exception {
    RpcClient previous = driver;
    RpcClient next = openDriverConnection(address);
    try {
      // Only received blocks mean the same to the next driver: it finds them by stream and id in its
      // block log. RDD, shuffle, broadcast and result ids are numbered afresh by every driver, so a
      // cached partition kept under rdd_7_0 would be served as the new driver's RDD 7 (wrong data:
      // StorageFaultIT saw a recovered running total lose a batch). Removed while `driver` is still
      // the dead connection, so no removal reaches the new one.
      int dropped = blocks.removeIf(b -> !(b instanceof BlockId.StreamBlock));
      List<BlockId> held = List.copyOf(blocks.blockIds());
      Object accepted = next.ask(new ClusterMessages.ReattachExecutor(spec.executorId(), spec.bindHost(),
          blockServer.port(), spec.cores(), blocks.maxMemory(), held,
          System.getenv().getOrDefault("CONTAINER_ID", "")),
          Duration.ofMillis(SluiceOptions.NETWORK_TIMEOUT_MS.get(conf))).get();
      if (!Boolean.TRUE.equals(accepted)) {
        next.close();
        return false;
      }
      driver = next;
      receiverTracker.connect(next);
      previous.close();
      log.info("Executor {} re-registered with the driver at {} with {} received block(s); dropped {} block(s)"
          + " numbered by the earlier driver", spec.executorId(), address, held.size(), dropped);
      return true;
    } catch (Exception e) {
      next.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- tasks

  private void runTask(TaskDescription task) {
    // Reports go to the driver that sent the task: a later driver numbers its tasks afresh.
    RpcClient origin = driver;
    TaskOutcome outcome;
    try {
      outcome = TaskRunner.run(task, env);
    } catch (Throwable t) { // e.g. out of memory outside the task's own code
      outcome = new TaskOutcome.Failure(t);
    }
    try {
      Object report = report(task.taskId(), outcome);
      if (origin.isOpen()) {
        origin.send(report);
      }
    } catch (RuntimeException e) {
      log.warn("Could not report the end of {} to the driver: {}", task.name(), e.toString());
    }
  }

  private Object report(long taskId, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Success s) {
      if (s.result().length <= maxDirectResultBytes) {
        return new ClusterMessages.TaskFinished(taskId, s.result());
      }
      blocks.putBytes(new BlockId.TaskResultBlock(taskId), s.result(), StorageLevel.MEMORY_AND_DISK_SER);
      return new ClusterMessages.TaskResultStored(taskId, s.result().length);
    } else if (outcome instanceof TaskOutcome.FetchFailure f) {
      return new ClusterMessages.TaskFetchFailed(taskId, f.shuffleId(), f.mapId(), f.message());
    }
    Throwable error = outcome instanceof TaskOutcome.Failure f ? f.error()
        : new SluiceException("unexpected task outcome " + outcome);
    return new ClusterMessages.TaskFailed(taskId, TaskErrors.encode(error), TaskErrors.describe(error));
  }

  private void tellDriver(Object message) {
    if (driver.isOpen()) {
      driver.send(message);
    }
  }

  // ---------------------------------------------------------------- messages

  /** What the driver sends over this executor's connection. */
  private final class DriverMessages implements RpcHandler {
    @Override
    public Object receive(RpcCall call) {
      throw new UnsupportedOperationException("executors answer no requests from the driver");
    }

    @Override
    public void receiveOneWay(Object message, RpcPeer from) {
      if (message instanceof ClusterMessages.LaunchTask launch) {
        taskPool.execute(() -> runTask(launch.task()));
      } else if (message instanceof ClusterMessages.RemoveBlocks r) {
        blocks.removeIf(r.blocks()::contains);
      } else if (message instanceof ClusterMessages.RemoveRdd r) {
        blocks.removeRdd(r.rddId());
      } else if (message instanceof ClusterMessages.RemoveShuffle r) {
        blocks.removeShuffle(r.shuffleId());
      } else if (message instanceof ClusterMessages.StopReceiver s) {
        receiverTracker.stopReceiver(s.streamId(), s.reason());
      } else if (message instanceof ClusterMessages.UpdateReceiverRate u) {
        receiverTracker.updateRate(u.streamId(), u.recordsPerSecond());
      } else if (message instanceof ClusterMessages.UpdateCredentials u) {
        DelegationTokens.addToCurrentUser(u.tokens());
      } else if (message instanceof ClusterMessages.StopExecutor s) {
        end("the driver asked: " + s.reason());
      } else {
        log.warn("Ignored an unexpected {} from the driver", message.getClass().getSimpleName());
      }
    }

    @Override
    public void disconnected(RpcPeer peer) {
      if (driverHandler != this || endReason.get() != null || awaitingDriver.get()) {
        return;
      }
      String why = "the connection to the driver at " + peer.address() + " closed";
      if (locator == null || driverLossTimeoutMs <= 0) {
        end(why);
        return;
      }
      if (!awaitingDriver.compareAndSet(false, true)) {
        return;
      }
      Thread waiter = new Thread(() -> awaitNextDriver(why), "sluice-executor-driver-wait");
      waiter.setDaemon(true);
      waiter.start();
    }
  }

  /** Requests from other executors to this executor's block server. */
  private Object answerPeer(RpcCall call) {
    if (call.message() instanceof ClusterMessages.ReplicateBlock r) {
      return env.blockTransfer() instanceof ExecutorBlockTransfer transfer
          ? transfer.storeReplica(r.block(), r.source(), StorageLevel.fromString(r.level()))
          : Boolean.FALSE;
    }
    throw new UnsupportedOperationException("executors do not answer " + call.message().getClass().getSimpleName());
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix, AtomicInteger counter) {
    return r -> {
      Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
