package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.internal.cluster.ClusterMessages;
import io.sluice.internal.cluster.ClusterScheduler;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.rpc.RpcClient;
import io.sluice.internal.rpc.RpcHandler;
import io.sluice.internal.rpc.RpcSettings;
import io.sluice.internal.rpc.StreamSource;
import io.sluice.internal.scheduler.TaskDescription;
import io.sluice.internal.scheduler.TaskOutcome;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.util.ManualClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.yarn.api.records.Container;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The executor failure budget on YARN: the cluster scheduler over {@link ExecutorContainers} with a
 * fake ResourceManager and NodeManager. Executor containers that keep exiting are replaced until
 * more fail within the window than {@code sluice.executor.maxFailures} allows; then the driver's
 * tasks fail with a diagnostic naming the budget and the last container's exit, which is what the
 * ApplicationMaster reports as the application's failure.
 */
@Timeout(60)
class YarnExecutorFailuresTest {
  private final ManualClock clock = new ManualClock(1_000_000);
  private final FakeYarnClients yarn = new FakeYarnClients();
  private final ExecutorContainers containers = new ExecutorContainers(yarn, yarn, yarn, 1408, 1, null,
      new ContainerLaunchPolicy(60_000, 600_000, false));
  private ClusterScheduler scheduler;
  private RpcClient executor;

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
  }

  @Test
  void containersFailingBeyondTheBudgetFailTheApplicationWithTheLastExit() throws Exception {
    SluiceConf conf = new SluiceConf(false).set("sluice.executor.maxFailures", "2")
        .set("sluice.executor.failuresValidityInterval", "10000ms");
    CompletableFuture<ClusterScheduler> started = CompletableFuture.supplyAsync(() -> new ClusterScheduler(conf,
        "127.0.0.1", 1, 1, 1024, containers, null, new MapOutputTracker(), clock));
    Container first = allocateWhenRequested(1);
    executor = register(awaitStarted(first));
    scheduler = started.get(30, TimeUnit.SECONDS);

    containers.completed(List.of(FakeYarnClients.exited(first.getId(), 1, "java.lang.OutOfMemoryError")));
    Container second = allocateWhenRequested(2);
    awaitStarted(second);
    containers.completed(List.of(FakeYarnClients.exited(second.getId(), 1, "")));
    Container third = allocateWhenRequested(3);
    awaitStarted(third);
    CompletableFuture<TaskOutcome> waiting = new CompletableFuture<>();
    scheduler.launchTask(new TaskDescription(1, 1, 1, 0, 0, new byte[0], Map.of(), List.of()), waiting::complete);
    containers.completed(List.of(FakeYarnClients.exited(third.getId(), 137, "Killed by external signal")));

    TaskOutcome.Failure failure = assertInstanceOf(TaskOutcome.Failure.class, waiting.get(10, TimeUnit.SECONDS));
    String message = failure.error().getMessage();
    assertTrue(message.contains("Lost 3 executors within 10000 ms"), message);
    assertTrue(message.contains("sluice.executor.maxFailures (2)"), message);
    assertTrue(message.contains("container " + third.getId() + " exited with status 137 (Killed by external signal)"),
        message);
    containers.awaitIdleForTests();
    assertEquals(3, yarn.requested.size(), "no replacement once the budget is spent");
  }

  private Container allocateWhenRequested(int requests) throws Exception {
    awaitTrue(() -> yarn.requested.size() >= requests, requests + " container requests");
    Container container = yarn.container("node-" + requests);
    containers.allocated(List.of(container));
    return container;
  }

  private String awaitStarted(Container container) throws Exception {
    awaitTrue(() -> yarn.started.containsKey(container.getId()), "the start of " + container.getId());
    return yarn.started.get(container.getId());
  }

  /** Connects as the executor in a started container and registers, as ExecutorMain would. */
  private RpcClient register(String executorId) throws Exception {
    ExecutorLaunchSpec spec = yarn.specs.get(executorId);
    RpcClient client = RpcClient.connect(new InetSocketAddress(spec.driverHost(), spec.driverPort()),
        yarn.secrets.get(executorId), RpcHandler.none(), StreamSource.none(), RpcSettings.fromConf(conf()));
    client.ask(new ClusterMessages.RegisterExecutor(executorId, "127.0.0.1", 1, 1, 1L << 20), Duration.ofSeconds(10))
        .get(10, TimeUnit.SECONDS);
    return client;
  }

  private static SluiceConf conf() {
    return new SluiceConf(false);
  }

  /** Events cross two loop threads here; waits (briefly, bounded) for them to have been handled. */
  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}
