package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.cluster.ExecutorLauncher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.Container;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Container bookkeeping against a fake ResourceManager and NodeManager: the test plays their
 * callbacks, then waits for the containers' loop to be idle (no sleeps).
 */
@Timeout(30)
class ExecutorContainersTest {
  private final FakeYarnClients yarn = new FakeYarnClients();
  private static final ContainerLaunchPolicy DEFAULT_POLICY = new ContainerLaunchPolicy(60_000, 600_000, false);
  private ExecutorContainers containers = new ExecutorContainers(yarn, yarn, yarn, 1408, 1, null, DEFAULT_POLICY);
  /** "executor: diagnostics" for every exit the containers reported to the scheduler. */
  private final List<String> exits = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorLauncher.ExitListener onExit = (id, diagnostics) -> exits.add(id + ": " + diagnostics);

  private void launch(String... executorIds) throws Exception {
    for (String id : executorIds) {
      containers.launch(new ExecutorLaunchSpec("am-host", 7077, id, 1, 1024, "unknown", Map.of()), null, onExit);
    }
    containers.awaitIdleForTests();
  }

  private List<Container> allocate(int count) throws Exception {
    List<Container> allocated = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      allocated.add(yarn.container("node-" + i));
    }
    containers.allocated(allocated);
    containers.awaitIdleForTests();
    return allocated;
  }

  @Test
  void requestsOneContainerPerExecutorAndStartsEachExecutorInTheContainerItGets() throws Exception {
    launch("exec-1", "exec-2", "exec-3");
    assertEquals(3, yarn.requested.size());
    assertEquals(1408, yarn.requested.get(0).getCapability().getMemorySize());
    assertEquals(Boolean.TRUE, yarn.pendingSignals.get(yarn.pendingSignals.size() - 1));

    List<Container> allocated = allocate(3);

    assertEquals(List.of("exec-1", "exec-2", "exec-3"), List.copyOf(yarn.started.values()));
    assertEquals(allocated.get(1).getId(), List.copyOf(yarn.started.keySet()).get(1));
    assertEquals(yarn.requested, yarn.withdrawn, "every fulfilled request is withdrawn, or YARN keeps allocating");
    assertEquals(List.of(), yarn.released);
    assertEquals(Boolean.FALSE, yarn.pendingSignals.get(yarn.pendingSignals.size() - 1));
    // Staging writes to HDFS: it must not run on the thread that delivered the callback.
    assertEquals(List.of("sluice-am-staging", "sluice-am-staging", "sluice-am-staging"), yarn.stagingThreads);
    assertEquals("3 YARN container(s), 0 requested", containers.describe());
  }

  @Test
  void releasesContainersNobodyWaitsFor() throws Exception {
    launch("exec-1");
    List<Container> allocated = allocate(3);

    assertEquals(List.of("exec-1"), List.copyOf(yarn.started.values()));
    assertEquals(List.of(allocated.get(1).getId(), allocated.get(2).getId()), yarn.released);

    launch("exec-2");
    containers.close();
    containers.awaitIdleForTests();
    assertEquals(List.of(yarn.requested.get(1)), yarn.withdrawn.subList(1, yarn.withdrawn.size()),
        "closing withdraws the open request");
    Container late = allocate(1).get(0);
    assertTrue(yarn.released.contains(late.getId()), "a container allocated after close is released");
    assertEquals(1, yarn.started.size());
  }

  @Test
  void reportsAnExecutorsContainerEndingOnceAndIgnoresContainersItDidNotStart() throws Exception {
    launch("exec-1", "exec-2");
    List<Container> allocated = allocate(2);
    Container stranger = yarn.container("node-9");

    containers.completed(List.of(FakeYarnClients.exited(allocated.get(0).getId(), 1, "Exception in thread main\nat X"),
        FakeYarnClients.killedByYarn(stranger.getId())));
    containers.completed(List.of(FakeYarnClients.exited(allocated.get(0).getId(), 1, "")));
    containers.awaitIdleForTests();

    assertEquals(List.of("exec-1: container " + allocated.get(0).getId()
        + " exited with status 1 (Exception in thread main)"), exits);
    assertEquals("1 YARN container(s), 0 requested", containers.describe());

    // The scheduler asks for a replacement, which gets the next container.
    launch("exec-3");
    allocate(1);
    assertEquals(List.of("exec-1", "exec-2", "exec-3"), List.copyOf(yarn.started.values()));
  }

  @Test
  void theContainerOfAnExecutorTheDriverDeclaredLostIsReleasedAndItsLateEndIgnored() throws Exception {
    launch("exec-1", "exec-2");
    List<Container> allocated = allocate(2);

    // Silent past the heartbeat timeout (paused, or its node gone): YARN still counts the container as running.
    containers.stop("exec-1");
    containers.stop("exec-9"); // unknown: nothing to do
    containers.awaitIdleForTests();
    assertEquals(List.of(allocated.get(0).getId()), yarn.released, "released, so its NodeManager kills it");
    assertEquals("1 YARN container(s), 0 requested", containers.describe());

    containers.completed(List.of(FakeYarnClients.killedByYarn(allocated.get(0).getId())));
    containers.awaitIdleForTests();
    assertEquals(List.of(), exits, "the scheduler already replaced it: its end is not reported again");
  }

  @Test
  void aContainerThatCannotBeStartedIsReleasedAndReportedAsAFailedStart() throws Exception {
    launch("exec-1");
    yarn.failStaging(new IllegalStateException("staging directory not writable"));
    Container first = allocate(1).get(0);

    assertEquals(List.of(first.getId()), yarn.released);
    assertEquals(List.of("exec-1: its container could not be started: java.lang.IllegalStateException: staging "
        + "directory not writable"), exits);

    yarn.failStaging(null);
    launch("exec-2");
    Container second = allocate(1).get(0);
    containers.startFailed(second.getId(), new java.io.IOException("NodeManager unreachable"));
    containers.awaitIdleForTests();

    assertEquals(List.of(first.getId(), second.getId()), yarn.released);
    assertEquals("exec-2: container " + second.getId() + " could not be started: java.io.IOException: NodeManager "
        + "unreachable", exits.get(1));
    assertEquals("0 YARN container(s), 0 requested", containers.describe());
  }

  // ---------------------------------------------------------------- containers that do not become executors

  @Test
  void aStartedContainerWhoseExecutorDoesNotRegisterInTimeIsReleasedAndItsNodeExcluded() throws Exception {
    containers = new ExecutorContainers(yarn, yarn, yarn, 1408, 1, null, new ContainerLaunchPolicy(200, 600_000, true));
    launch("exec-1", "exec-2");
    List<Container> allocated = allocate(2);
    containers.registered("exec-2");
    containers.awaitIdleForTests();

    awaitExits(1);
    assertEquals(List.of("exec-1: its container " + allocated.get(0).getId() + " on node-0:45454 was started 200 ms "
        + "ago and the executor has not registered (sluice.executor.registrationTimeout)"), exits);
    assertEquals(List.of(allocated.get(0).getId()), yarn.released, "the registered executor's container stays");
    assertEquals(List.of("node-0:45454"), yarn.excluded, "named host:port, as the scheduler names nodes here");
    assertEquals("1 YARN container(s), 0 requested", containers.describe());
  }

  @Test
  void aNodeWhereAStartFailedIsExcludedForTheExclusionTimeoutThenReadmitted() throws Exception {
    containers = new ExecutorContainers(yarn, yarn, yarn, 1408, 1, null, new ContainerLaunchPolicy(60_000, 300, false));
    launch("exec-1");
    Container container = allocate(1).get(0);
    containers.startFailed(container.getId(), new java.net.ConnectException("Connection refused"));
    containers.awaitIdleForTests();

    assertEquals(List.of("node-0"), yarn.excluded);
    assertEquals(java.util.Set.of("node-0"), containers.excludedNodesForTests());
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (yarn.readmitted.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of("node-0"), yarn.readmitted);
    assertEquals(java.util.Set.of(), containers.excludedNodesForTests());
  }

  @Test
  void anExecutorEndingBeforeItRegisteredExcludesItsNodeButOneThatRanDoesNot() throws Exception {
    launch("exec-1", "exec-2");
    List<Container> allocated = allocate(2);
    containers.registered("exec-2");
    containers.completed(List.of(FakeYarnClients.exited(allocated.get(0).getId(), 1, "no java"),
        FakeYarnClients.exited(allocated.get(1).getId(), 137, "")));
    containers.awaitIdleForTests();

    assertEquals(2, exits.size(), exits.toString());
    assertEquals(List.of("node-0"), yarn.excluded);
  }

  @Test
  void neverExcludesEveryNodeOfTheCluster() throws Exception {
    yarn.clusterNodes = 2;
    launch("exec-1", "exec-2");
    List<Container> allocated = allocate(2);
    for (Container c : allocated) {
      containers.startFailed(c.getId(), new java.io.IOException("unreachable"));
    }
    containers.awaitIdleForTests();

    assertEquals(2, exits.size(), exits.toString());
    assertEquals(List.of("node-0"), yarn.excluded, "one of two nodes left to ask for containers");
  }

  @Test
  void theNodeManagerClientGivesUpOnAnUnreachableNodeManagerWithin30Seconds() {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
    org.apache.hadoop.conf.Configuration capped = ApplicationMaster.nodeManagerClientConf(conf);
    assertEquals(30_000, capped.getLong("yarn.client.nodemanager-connect.max-wait-ms", -1));
    assertEquals(3_000, capped.getLong("yarn.client.nodemanager-connect.retry-interval-ms", -1));
    conf.setLong("yarn.client.nodemanager-connect.max-wait-ms", 5_000);
    assertEquals(5_000, ApplicationMaster.nodeManagerClientConf(conf)
        .getLong("yarn.client.nodemanager-connect.max-wait-ms", -1), "a shorter setting is kept");
  }

  private void awaitExits(int count) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (exits.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    containers.awaitIdleForTests();
  }

  // ---------------------------------------------------------------- containers kept from an earlier attempt

  @Test
  void adoptsAnEarlierAttemptsContainersWithoutRequestingNewOnesAndReportsTheirEnd() throws Exception {
    Container kept1 = yarn.container("node-1");
    Container kept2 = yarn.container("node-2");
    containers.previousAttempt(List.of(kept1, kept2), 2, 60_000);
    assertEquals(2, containers.executorNumbersUsed());

    assertEquals(2, containers.adoptExecutors(onExit));
    containers.reattached("exec-1", kept1.getId().toString());
    containers.reattached("exec-2", kept2.getId().toString());
    containers.awaitIdleForTests();

    assertEquals(List.of(), yarn.requested, "no container is requested for executors that came back");
    assertEquals(List.of(), yarn.released);
    assertEquals("2 YARN container(s), 0 requested", containers.describe());

    // An adopted container that ends is reported under the id its executor re-registered with.
    containers.completed(List.of(FakeYarnClients.exited(kept2.getId(), 137, "")));
    containers.awaitIdleForTests();
    assertEquals(List.of("exec-2: container " + kept2.getId() + " exited with status 137"), exits);
  }

  @Test
  void releasesAnAdoptedContainerWhoseExecutorDoesNotComeBackInTime() throws Exception {
    Container back = yarn.container("node-1");
    Container silent = yarn.container("node-2");
    containers.previousAttempt(List.of(back, silent), 2, 300);
    // Its executor may re-register before the scheduler gets to adopt: it is claimed all the same.
    containers.reattached("exec-1", back.getId().toString());
    containers.adoptExecutors(onExit);
    containers.awaitIdleForTests();

    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (exits.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    containers.awaitIdleForTests();
    assertEquals(List.of("null: the executor in container " + silent.getId() + " did not re-register within 300 ms"),
        exits, "reported without an executor id, so the scheduler starts a replacement");
    assertEquals(List.of(silent.getId()), yarn.released);
    assertEquals("1 YARN container(s), 0 requested", containers.describe());
  }

  @Test
  void withoutAnEarlierAttemptNothingIsAdopted() {
    assertEquals(0, containers.adoptExecutors(onExit));
    assertEquals(0, containers.executorNumbersUsed());
  }
}
