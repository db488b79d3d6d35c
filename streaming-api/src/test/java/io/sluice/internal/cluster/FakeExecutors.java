package io.sluice.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sluice.core.SluiceConf;
import io.sluice.internal.rpc.RpcClient;
import io.sluice.internal.rpc.RpcHandler;
import io.sluice.internal.rpc.RpcPeer;
import io.sluice.internal.rpc.RpcSettings;
import io.sluice.internal.rpc.StreamSource;
import io.sluice.internal.scheduler.TaskDescription;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ExecutorLauncher} that starts no process: it records each launch request, and the test
 * plays the executor's part with {@link #register}, which connects to the driver over real RPC (so
 * registration, task launches and task reports take the production path) without running tasks.
 */
final class FakeExecutors implements ExecutorLauncher {
  private static final Duration WAIT = Duration.ofSeconds(10);

  record Launch(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit) {
    String executorId() {
      return spec.executorId();
    }

    /** The process ended (e.g. its container exited), as the launcher would report it. */
    void exit(String diagnostics) {
      onExit.exited(spec.executorId(), diagnostics);
    }
  }

  private final BlockingQueue<Launch> launches = new LinkedBlockingQueue<>();
  private final List<Launch> allLaunches = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<Executor> connected = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Executors of an earlier driver this launcher claims to have kept, and the numbers they used. */
  private int adopted;
  private int numbersUsed;
  volatile ExitListener adoptedGone;
  volatile InetSocketAddress driverAddress;
  final List<String> reattached = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Executors the scheduler said registered, in order. */
  final List<String> registered = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Executors the scheduler asked to stop (declared lost), in order. */
  final List<String> stopped = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Plays a launcher that kept {@code count} executors numbered up to {@code numbersUsed} from an earlier driver. */
  FakeExecutors keptFromEarlierDriver(int count, int numbersUsed) {
    this.adopted = count;
    this.numbersUsed = numbersUsed;
    return this;
  }

  @Override
  public void driverListening(InetSocketAddress address) {
    driverAddress = address;
  }

  @Override
  public int adoptExecutors(ExitListener onGone) {
    adoptedGone = onGone;
    return adopted;
  }

  @Override
  public int executorNumbersUsed() {
    return numbersUsed;
  }

  @Override
  public void reattached(String executorId, String processId) {
    reattached.add(executorId + " in " + processId);
  }

  /** Connects as an executor of an earlier driver and re-registers with the blocks it holds. */
  Executor reattach(String executorId, byte[] secret, List<io.sluice.internal.storage.BlockId> blocks,
                    String processId) throws Exception {
    ExecutorLaunchSpec spec = new ExecutorLaunchSpec(driverAddress.getHostString(), driverAddress.getPort(),
        executorId, 1, 256, "127.0.0.1", java.util.Map.of());
    Executor executor = new Executor(new Launch(spec, secret, (id, why) -> { }));
    connected.add(executor);
    if (!askReattach(executor, blocks, processId)) {
      throw new AssertionError("re-registration of " + executorId + " refused");
    }
    return executor;
  }

  /** Asks the driver over {@code executor}'s connection to take it back; its answer. */
  static boolean askReattach(Executor executor, List<io.sluice.internal.storage.BlockId> blocks, String processId)
      throws Exception {
    Boolean accepted = executor.driver.<Boolean>ask(new ClusterMessages.ReattachExecutor(executor.id, "127.0.0.1", 1,
        1, 1L << 20, blocks, processId), WAIT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return Boolean.TRUE.equals(accepted);
  }

  @Override
  public void registered(String executorId) {
    registered.add(executorId);
  }

  @Override
  public void stop(String executorId) {
    stopped.add(executorId);
  }

  @Override
  public void launch(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit) {
    Launch launch = new Launch(spec, secret, onExit);
    allLaunches.add(launch);
    launches.add(launch);
  }

  /** The next launch request not yet taken, waiting a little for the scheduler's loop to make it. */
  Launch nextLaunch() throws InterruptedException {
    Launch launch = launches.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(launch, "the scheduler requested no further executor");
    return launch;
  }

  /** Launch requests made so far, including those already taken. */
  List<String> launchedIds() {
    synchronized (allLaunches) {
      return allLaunches.stream().map(Launch::executorId).toList();
    }
  }

  /** The launch request made for {@code executorId}, taken or not. */
  Launch launchFor(String executorId) {
    synchronized (allLaunches) {
      return allLaunches.stream().filter(l -> l.executorId().equals(executorId)).findFirst().orElseThrow();
    }
  }

  /** Opens a new connection as the executor of {@code launch} without registering (e.g. one waking up). */
  Executor connectAs(Launch launch) {
    Executor executor = new Executor(launch);
    connected.add(executor);
    return executor;
  }

  /** Connects as the executor of {@code launch} and registers with {@code cores} cores. */
  Executor register(Launch launch, int cores) throws Exception {
    Executor executor = new Executor(launch);
    connected.add(executor);
    Boolean accepted = executor.driver.<Boolean>ask(new ClusterMessages.RegisterExecutor(launch.executorId(),
        "127.0.0.1", 1, cores, 1L << 20), WAIT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (!Boolean.TRUE.equals(accepted)) {
      throw new AssertionError("registration of " + launch.executorId() + " refused");
    }
    return executor;
  }

  @Override
  public String describe() {
    return "fake executors";
  }

  @Override
  public void close() {
    synchronized (connected) {
      connected.forEach(e -> e.driver.close());
    }
  }

  /** One played executor: receives tasks and reports their ends as a real one would. */
  static final class Executor {
    final String id;
    private final RpcClient driver;
    private final BlockingQueue<TaskDescription> tasks = new LinkedBlockingQueue<>();
    /** Delegation tokens the driver sent, in order. */
    final BlockingQueue<byte[]> credentials = new LinkedBlockingQueue<>();

    private Executor(Launch launch) {
      this.id = launch.executorId();
      RpcHandler handler = new RpcHandler() {
        @Override
        public Object receive(io.sluice.internal.rpc.RpcCall call) {
          throw new UnsupportedOperationException("a fake executor answers no requests");
        }

        @Override
        public void receiveOneWay(Object message, RpcPeer from) {
          if (message instanceof ClusterMessages.LaunchTask launchTask) {
            tasks.add(launchTask.task());
          } else if (message instanceof ClusterMessages.UpdateCredentials update) {
            credentials.add(update.tokens());
          }
        }
      };
      ExecutorLaunchSpec spec = launch.spec();
      this.driver = RpcClient.connect(new InetSocketAddress(spec.driverHost(), spec.driverPort()), launch.secret(),
          handler, StreamSource.none(), RpcSettings.fromConf(new SluiceConf(false)));
    }

    /** The next task the driver sent here, waiting a little for it to arrive. */
    TaskDescription nextTask() throws InterruptedException {
      TaskDescription task = tasks.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(task, "executor " + id + " was given no task");
      return task;
    }

    void finish(TaskDescription task, byte[] result) {
      driver.send(new ClusterMessages.TaskFinished(task.taskId(), result));
    }

    void fail(TaskDescription task, Throwable error) {
      driver.send(new ClusterMessages.TaskFailed(task.taskId(), TaskErrors.encode(error), TaskErrors.describe(error)));
    }
  }
}
