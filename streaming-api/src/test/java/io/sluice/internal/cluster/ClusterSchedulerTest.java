package io.sluice.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.rdd.TaskFunction;
import io.sluice.internal.scheduler.DAGScheduler;
import io.sluice.internal.scheduler.ExecutorListener;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.serializer.Serializers;
import io.sluice.internal.scheduler.TaskDescription;
import io.sluice.internal.scheduler.TaskOutcome;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.util.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster scheduler's decisions that depend on time, driven by a manual clock: heartbeat expiry,
 * the locality wait, the executor failure budget. Executors are played by {@link FakeExecutors} over
 * real RPC; no test sleeps to let time pass, it moves the clock and asks the loop to look again.
 */
@Timeout(60)
class ClusterSchedulerTest {
  private static final long HEARTBEAT_TIMEOUT_MS = 60_000;
  private static final long LOCALITY_WAIT_MS = 3_000;

  private final ManualClock clock = new ManualClock(1_000_000);
  private final FakeExecutors launcher = new FakeExecutors();
  private final List<FakeExecutors.Executor> executors = new ArrayList<>();
  private ClusterScheduler scheduler;
  private long nextTaskId;

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  private static SluiceConf conf() {
    return new SluiceConf(false)
        .set("sluice.network.timeout", HEARTBEAT_TIMEOUT_MS + "ms")
        .set("sluice.locality.wait", LOCALITY_WAIT_MS + "ms")
        .set("sluice.authenticate", "true");
  }

  /** Starts the scheduler with {@code count} executors of one core each, registering them as they are asked for. */
  private void start(SluiceConf conf, int count) throws Exception {
    // The constructor returns once its executors registered, so it runs aside while the test plays them.
    CompletableFuture<ClusterScheduler> started = CompletableFuture.supplyAsync(() -> new ClusterScheduler(conf,
        "127.0.0.1", count, 1, 256, launcher, null, new MapOutputTracker(), clock));
    for (int i = 0; i < count; i++) {
      executors.add(launcher.register(launcher.nextLaunch(), 1));
    }
    scheduler = started.get(30, TimeUnit.SECONDS);
  }

  private CompletableFuture<TaskOutcome> launch(String... preferredExecutors) {
    long id = ++nextTaskId;
    TaskDescription task = new TaskDescription(id, 1, 1, (int) id, 0, new byte[0], Map.of(),
        List.of(preferredExecutors));
    CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
    scheduler.launchTask(task, outcome::complete);
    // The task's wait starts when the loop takes it; let it do so before the test moves the clock.
    scheduler.checkNowForTests();
    return outcome;
  }

  private static TaskOutcome await(CompletableFuture<TaskOutcome> outcome) throws Exception {
    return outcome.get(10, TimeUnit.SECONDS);
  }

  @Test
  void anExecutorSilentPastTheTimeoutIsLostItsTasksRerunAndAReplacementRequested() throws Exception {
    start(conf(), 2);
    FakeExecutors.Executor silent = executors.get(0);
    FakeExecutors.Executor alive = executors.get(1);
    CompletableFuture<TaskOutcome> outcome = launch(silent.id);
    silent.nextTask();

    clock.advance(HEARTBEAT_TIMEOUT_MS - 10_000);
    scheduler.heartbeat(alive.id, -1);
    scheduler.checkNowForTests();
    assertFalse(outcome.isDone(), "nobody has been silent past the timeout yet");
    assertEquals(List.of("exec-1", "exec-2"), launcher.launchedIds());
    assertEquals(List.of("exec-1", "exec-2"), launcher.registered,
        "the launcher hears of each registration (YARN stops watching the container's start)");

    clock.advance(20_000);
    scheduler.checkNowForTests();

    assertEquals(new TaskOutcome.ExecutorLost(silent.id), await(outcome));
    assertEquals(List.of(alive.id), scheduler.executorIds(), "the executor that kept heartbeating stays");
    assertEquals("exec-3", launcher.nextLaunch().executorId(), "a replacement is started");
  }

  @Test
  void anExecutorListenerHearsTheLiveExecutorsFirstThenEveryChange() throws Exception {
    start(conf(), 2);
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    scheduler.addExecutorListener(new ExecutorListener() {
      @Override
      public void executorAdded(String executorId, String hostPort, int cores) {
        heard.add("+" + executorId + " " + cores + (hostPort.startsWith("127.0.0.1:") ? "" : " at " + hostPort));
      }

      @Override
      public void executorRemoved(String executorId, String reason) {
        heard.add("-" + executorId + (reason.contains("no heartbeat") ? "" : " for " + reason));
      }
    });
    scheduler.checkNowForTests();
    assertEquals(List.of("+exec-1 1", "+exec-2 1"), heard);

    clock.advance(HEARTBEAT_TIMEOUT_MS + 1);
    scheduler.heartbeat(executors.get(1).id, -1);
    scheduler.checkNowForTests();
    assertEquals(List.of("+exec-1 1", "+exec-2 1", "-exec-1"), heard);
    executors.add(launcher.register(launcher.nextLaunch(), 1));
    scheduler.checkNowForTests();
    assertEquals(List.of("+exec-1 1", "+exec-2 1", "-exec-1", "+exec-3 1"), heard);
  }

  @Test
  void aTaskWaitsForItsPreferredExecutorUpToTheLocalityWaitThenRunsElsewhere() throws Exception {
    start(conf(), 2);
    FakeExecutors.Executor preferred = executors.get(0);
    FakeExecutors.Executor other = executors.get(1);
    launch(preferred.id);
    preferred.nextTask(); // the preferred executor's only core is now busy
    CompletableFuture<TaskOutcome> waiting = launch(preferred.id);

    clock.advance(LOCALITY_WAIT_MS - 1);
    scheduler.checkNowForTests();
    assertEquals(1, scheduler.pendingTasksForTests(), "within the locality wait the task keeps waiting");

    clock.advance(1);
    scheduler.checkNowForTests();
    assertEquals(0, scheduler.pendingTasksForTests());
    TaskDescription moved = other.nextTask();
    other.finish(moved, new byte[] {7});
    TaskOutcome.Success success = assertInstanceOf(TaskOutcome.Success.class, await(waiting));
    assertEquals(7, success.result()[0]);
  }

  @Test
  void aTaskWhosePreferredExecutorFreesUpInTimeRunsThere() throws Exception {
    start(conf(), 2);
    FakeExecutors.Executor preferred = executors.get(0);
    CompletableFuture<TaskOutcome> first = launch(preferred.id);
    TaskDescription busy = preferred.nextTask();
    launch(preferred.id);

    clock.advance(LOCALITY_WAIT_MS - 1);
    preferred.finish(busy, new byte[0]);
    await(first);

    TaskDescription second = preferred.nextTask();
    assertEquals(2, second.taskId());
    assertEquals(0, scheduler.pendingTasksForTests());
  }

  @Test
  void aStragglerHoldsOnlyItsOwnCoreWhileTheOtherTasksRunElsewhere() throws Exception {
    start(conf(), 2);
    FakeExecutors.Executor slow = executors.get(0);
    FakeExecutors.Executor fast = executors.get(1);
    CompletableFuture<TaskOutcome> straggler = launch(slow.id);
    TaskDescription stuck = slow.nextTask();

    // Three more tasks of the same job, no preference: one after another on the executor that is free.
    List<CompletableFuture<TaskOutcome>> others = List.of(launch(), launch(), launch());
    for (CompletableFuture<TaskOutcome> other : others) {
      fast.finish(fast.nextTask(), new byte[] {1});
      assertInstanceOf(TaskOutcome.Success.class, await(other));
    }
    assertFalse(straggler.isDone(), "the straggler is still running");
    assertEquals(0, scheduler.pendingTasksForTests(), "nothing waits behind the straggler");

    slow.finish(stuck, new byte[] {9});
    assertEquals(9, assertInstanceOf(TaskOutcome.Success.class, await(straggler)).result()[0]);
  }

  @Test
  void aHungStragglersTaskIsRerunAfterItsExecutorIsLostAndItsLateResultIsRefused() throws Exception {
    start(conf(), 2);
    FakeExecutors.Executor hung = executors.get(0);
    FakeExecutors.Executor alive = executors.get(1);
    CompletableFuture<TaskOutcome> outcome = launch(hung.id);
    TaskDescription stuck = hung.nextTask();

    clock.advance(HEARTBEAT_TIMEOUT_MS + 1);
    scheduler.heartbeat(alive.id, -1);
    scheduler.checkNowForTests();
    assertEquals(new TaskOutcome.ExecutorLost(hung.id), await(outcome), "the caller reruns the task");

    // The process was only paused: it wakes up and reports the old task. The driver has closed its
    // connection (the report fails to send) or, if the report beats the close, ignores it: nobody may
    // take that result, and the lost executor gets no core back (no split brain with the rerun).
    try {
      hung.finish(stuck, new byte[] {66});
    } catch (SluiceException closed) {
      assertTrue(closed.getMessage().contains("connection is closed"), closed.getMessage());
    }
    CompletableFuture<TaskOutcome> rerun = launch(hung.id);
    clock.advance(LOCALITY_WAIT_MS);
    scheduler.checkNowForTests();
    TaskDescription moved = alive.nextTask();
    assertFalse(rerun.isDone());
    alive.finish(moved, new byte[] {7});
    assertEquals(7, assertInstanceOf(TaskOutcome.Success.class, await(rerun)).result()[0]);
    assertEquals(new TaskOutcome.ExecutorLost(hung.id), outcome.getNow(null));
    assertEquals(List.of(alive.id), scheduler.executorIds());
  }

  @Test
  void anExecutorDeclaredLostIsStoppedAndRefusedWhenItWakesUpAndTriesToRejoin() throws Exception {
    start(conf(), 2);
    FakeExecutors.Executor paused = executors.get(0);
    FakeExecutors.Executor alive = executors.get(1);

    clock.advance(HEARTBEAT_TIMEOUT_MS + 1);
    scheduler.heartbeat(alive.id, -1);
    scheduler.checkNowForTests();
    assertEquals(List.of(paused.id), launcher.stopped, "the launcher is told to end the lost executor's process");
    assertEquals("exec-3", launcher.nextLaunch().executorId(), "a replacement is started");

    // Resumed (SIGCONT), the process finds its connection closed and, as a YARN executor does, asks the
    // driver it finds to take it back under its id: refused, so no executor runs beside its replacement.
    FakeExecutors.Executor woken = launcher.connectAs(launcher.launchFor(paused.id));
    assertFalse(FakeExecutors.askReattach(woken, List.of(), "container_1_01_000002"));
    scheduler.checkNowForTests();
    assertEquals(List.of(alive.id), scheduler.executorIds());
    assertEquals(List.of(), launcher.reattached, "the launcher hears of no executor coming back");
  }

  @Test
  void freshTokensReachEveryExecutorAndOnesThatRegisterLater() throws Exception {
    start(conf(), 1);
    FakeExecutors.Executor first = executors.get(0);
    byte[] tokens = {1, 2, 3};
    scheduler.updateCredentials(tokens);
    assertArrayEquals(tokens, first.credentials.poll(10, TimeUnit.SECONDS));

    // A replacement whose container was launched with the tokens of its time registers after the
    // renewal: it must not run with tokens about to expire until the next one.
    launcher.launchFor(first.id).exit("container killed");
    FakeExecutors.Executor replacement = launcher.register(launcher.nextLaunch(), 1);
    assertArrayEquals(tokens, replacement.credentials.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void heartbeatsReportEachExecutorsBlockMemoryUntilItIsLost() throws Exception {
    start(conf(), 2);
    FakeExecutors.Executor first = executors.get(0);
    FakeExecutors.Executor second = executors.get(1);
    scheduler.heartbeat(first.id, 4096);
    scheduler.heartbeat(second.id, 512);
    scheduler.heartbeat(second.id, -1); // not reported: the last figure stays
    scheduler.checkNowForTests();
    assertEquals(Map.of(first.id, 4096L, second.id, 512L), scheduler.executorBlockMemoryBytes());

    launcher.launchFor(first.id).exit("container killed");
    launcher.register(launcher.nextLaunch(), 1);
    scheduler.checkNowForTests();
    assertEquals(Map.of(second.id, 512L), scheduler.executorBlockMemoryBytes(), "a lost executor's figure goes");
  }

  @Test
  void aFailedTaskReachesTheCallerWithTheExecutorsError() throws Exception {
    start(conf(), 1);
    FakeExecutors.Executor executor = executors.get(0);
    CompletableFuture<TaskOutcome> outcome = launch();
    executor.fail(executor.nextTask(), new IllegalStateException("bad record 42"));

    TaskOutcome.Failure failure = assertInstanceOf(TaskOutcome.Failure.class, await(outcome));
    assertInstanceOf(IllegalStateException.class, failure.error());
    assertEquals("bad record 42", failure.error().getMessage());
    // A task failure is the task's, not the executor's: its core is free again for the retry.
    CompletableFuture<TaskOutcome> retry = launch();
    executor.finish(executor.nextTask(), new byte[0]);
    assertInstanceOf(TaskOutcome.Success.class, await(retry));
  }

  @Test
  void executorLossesBeyondTheBudgetWithinTheWindowFailTheApplicationButOldOnesAreForgiven() throws Exception {
    SluiceConf conf = conf().set("sluice.executor.maxFailures", "2")
        .set("sluice.executor.failuresValidityInterval", "10000ms");
    start(conf, 1);
    CompletableFuture<TaskOutcome> blocked = launch();
    executors.get(0).nextTask();

    // Two losses within the window: within the budget, each replaced.
    launcher.launchFor("exec-1").exit("container exited with status 1");
    scheduler.checkNowForTests();
    assertEquals(new TaskOutcome.ExecutorLost("exec-1"), await(blocked));
    launcher.nextLaunch().exit("container exited with status 1"); // exec-2 dies before registering
    scheduler.checkNowForTests();
    assertEquals("exec-3", launcher.nextLaunch().executorId());

    // Once the window has passed, those two no longer count.
    clock.advance(10_001);
    launcher.launchFor("exec-3").exit("container exited with status 1");
    scheduler.checkNowForTests();
    launcher.nextLaunch().exit("container exited with status 1");
    scheduler.checkNowForTests();
    CompletableFuture<TaskOutcome> pending = launch();
    launcher.nextLaunch().exit("container exited with status 143");
    scheduler.checkNowForTests();

    TaskOutcome.Failure failure = assertInstanceOf(TaskOutcome.Failure.class, await(pending));
    assertInstanceOf(SluiceException.class, failure.error());
    String message = failure.error().getMessage();
    assertTrue(message.contains("Lost 3 executors within 10000 ms"), message);
    assertTrue(message.contains("sluice.executor.maxFailures (2)"), message);
    assertTrue(message.contains("exec-5 (container exited with status 143)"), message);
    assertEquals(List.of("exec-1", "exec-2", "exec-3", "exec-4", "exec-5"), launcher.launchedIds(),
        "no replacement once the budget is spent");
    assertInstanceOf(TaskOutcome.Failure.class, await(launch()), "later tasks fail at once");
  }

  @Test
  void aFailingTaskIsRetriedUpToTheMaximumAttemptsThenTheJobFailsWithItsError() throws Exception {
    start(conf(), 1);
    FakeExecutors.Executor executor = executors.get(0);
    try (SluiceContext sc = new SluiceContext(new SluiceConf(false).setMaster("local[1]").setAppName("retries"))) {
      CompletableFuture<List<Integer>> job = runOnePartitionJob(sc, 3);
      List<Integer> attempts = new ArrayList<>();
      IllegalStateException last = null;
      for (int i = 0; i < 3; i++) {
        TaskDescription task = executor.nextTask();
        attempts.add(task.attempt());
        last = new IllegalStateException("bad record, attempt " + task.attempt());
        executor.fail(task, last);
      }

      java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class, () -> job.get(10, TimeUnit.SECONDS));
      assertEquals(List.of(0, 1, 2), attempts);
      SluiceException error = assertInstanceOf(SluiceException.class, failed.getCause());
      assertTrue(error.getMessage().contains("failed 3 times"), error.getMessage());
      assertEquals(last.getMessage(), error.getCause().getMessage(), "the job fails with the last attempt's error");
      assertSame(IllegalStateException.class, error.getCause().getClass());
    }
  }

  @Test
  void aTaskThatFailsFewerTimesThanAllowedSucceedsOnRetry() throws Exception {
    SluiceConf conf = conf();
    start(conf, 1);
    FakeExecutors.Executor executor = executors.get(0);
    Serializer data = Serializers.forData(conf);
    try (SluiceContext sc = new SluiceContext(new SluiceConf(false).setMaster("local[1]").setAppName("retries"))) {
      CompletableFuture<List<Integer>> job = runOnePartitionJob(sc, 3);
      executor.fail(executor.nextTask(), new IllegalStateException("flaky"));
      executor.fail(executor.nextTask(), new IllegalStateException("flaky"));
      executor.finish(executor.nextTask(), data.serialize(42));

      assertEquals(List.of(42), job.get(10, TimeUnit.SECONDS));
    }
  }

  /**
   * A job of one task through the DAG scheduler, over this test's cluster scheduler: the task never
   * runs (the fake executor decides its outcome), so the function and data are placeholders.
   */
  private CompletableFuture<List<Integer>> runOnePartitionJob(SluiceContext sc, int maxFailures) {
    SluiceConf conf = conf();
    DAGScheduler dag = new DAGScheduler(scheduler, new MapOutputTracker(), Serializers.forClosures(conf),
        Serializers.forData(conf), maxFailures);
    RDD<Integer> rdd = sc.parallelize(List.of(1), 1);
    TaskFunction<Integer, Integer> count = (context, records) -> 0;
    return CompletableFuture.supplyAsync(() -> dag.runJob(rdd, count, new int[] {0}));
  }

  // ---------------------------------------------------------------- executors of an earlier driver

  @Test
  void executorsKeptFromAnEarlierDriverReRegisterWithTheirBlocksAndNoneIsLaunchedForThem() throws Exception {
    FakeExecutors kept = launcher.keptFromEarlierDriver(2, 2);
    byte[] secret = io.sluice.internal.rpc.Secrets.generate();
    CompletableFuture<ClusterScheduler> started = CompletableFuture.supplyAsync(() -> new ClusterScheduler(conf(),
        "127.0.0.1", 2, 1, 256, kept, null, new MapOutputTracker(), clock, secret));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (kept.driverAddress == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    io.sluice.internal.storage.BlockId received = new io.sluice.internal.storage.BlockId.StreamBlock(0, 42);
    io.sluice.internal.storage.BlockId cached = new io.sluice.internal.storage.BlockId.RddBlock(3, 1);
    executors.add(kept.reattach("exec-1", secret, List.of(received), "container_1_01_000002"));
    executors.add(kept.reattach("exec-2", secret, List.of(cached), "container_1_01_000003"));
    scheduler = started.get(30, TimeUnit.SECONDS);

    assertEquals(List.of(), kept.launchedIds(), "no executor is launched for those that came back");
    assertEquals(List.of("exec-1", "exec-2"), scheduler.executorIds().stream().sorted().toList());
    assertEquals(List.of("exec-1"), scheduler.blockLocations(received), "the driver reads the block from exec-1");
    assertEquals(List.of("exec-2"), scheduler.blockLocations(cached));
    assertEquals(List.of("exec-1 in container_1_01_000002", "exec-2 in container_1_01_000003"),
        kept.reattached.stream().sorted().toList());

    // Tasks run on them like on any executor.
    CompletableFuture<TaskOutcome> outcome = launch("exec-1");
    TaskDescription task = executors.get(0).nextTask();
    executors.get(0).finish(task, new byte[] {1});
    assertInstanceOf(TaskOutcome.Success.class, await(outcome));

    // One that did not come back in time is replaced, numbered after the earlier driver's executors.
    kept.adoptedGone.exited(null, "did not re-register");
    assertEquals("exec-3", kept.nextLaunch().executorId());
  }

  @Test
  void anExecutorWithoutTheSharedSecretCannotReRegister() throws Exception {
    FakeExecutors kept = launcher.keptFromEarlierDriver(1, 1);
    byte[] secret = io.sluice.internal.rpc.Secrets.generate();
    CompletableFuture<ClusterScheduler> started = CompletableFuture.supplyAsync(() -> new ClusterScheduler(conf(),
        "127.0.0.1", 1, 1, 256, kept, null, new MapOutputTracker(), clock, secret));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (kept.driverAddress == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    byte[] other = io.sluice.internal.rpc.Secrets.generate();
    org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> kept.reattach("exec-1", other, List.of(), "container_x"));
    executors.add(kept.reattach("exec-1", secret, List.of(), "container_1"));
    scheduler = started.get(30, TimeUnit.SECONDS);
    assertEquals(List.of("exec-1"), scheduler.executorIds());
  }
}
