package io.sluice.yarn;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;

/**
 * A ResourceManager client and a NodeManager client that only record what they are asked, plus
 * factories for the containers and statuses the ResourceManager would hand back. Thread-safe: the
 * code under test calls them from its own threads.
 */
final class FakeYarnClients implements ContainerAllocator, ContainerStarter, ContainerLaunchContexts {
  private static final ApplicationAttemptId ATTEMPT =
      ApplicationAttemptId.newInstance(ApplicationId.newInstance(1_700_000_000_000L, 1), 1);

  final List<ContainerRequest> requested = Collections.synchronizedList(new ArrayList<>());
  final List<ContainerRequest> withdrawn = Collections.synchronizedList(new ArrayList<>());
  final List<ContainerId> released = Collections.synchronizedList(new ArrayList<>());
  final List<Boolean> pendingSignals = Collections.synchronizedList(new ArrayList<>());
  /** Containers the NodeManager was asked to start, with the executor each was to run. */
  final Map<ContainerId, String> started = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
  /** Specs launch contexts were built for, with the thread that built them. */
  final List<String> stagingThreads = Collections.synchronizedList(new ArrayList<>());
  /** The launch spec and secret each executor's context was built with, by executor id. */
  final Map<String, ExecutorLaunchSpec> specs = new java.util.concurrent.ConcurrentHashMap<>();
  final Map<String, byte[]> secrets = new java.util.concurrent.ConcurrentHashMap<>();
  /** Nodes excluded and readmitted, in order. */
  final List<String> excluded = Collections.synchronizedList(new ArrayList<>());
  final List<String> readmitted = Collections.synchronizedList(new ArrayList<>());
  volatile int clusterNodes = 3;
  private final AtomicInteger nextContainer = new AtomicInteger();
  private volatile RuntimeException stagingFailure;

  @Override
  public void request(ContainerRequest request) {
    requested.add(request);
  }

  @Override
  public void withdraw(ContainerRequest request) {
    withdrawn.add(request);
  }

  @Override
  public void release(ContainerId container) {
    released.add(container);
  }

  @Override
  public void exclude(String node) {
    excluded.add(node);
  }

  @Override
  public void readmit(String node) {
    readmitted.add(node);
  }

  @Override
  public int clusterNodes() {
    return clusterNodes;
  }

  @Override
  public void requestsPending(boolean pending) {
    pendingSignals.add(pending);
  }

  @Override
  public void start(Container container, ContainerLaunchContext context) {
    started.put(container.getId(), context.getEnvironment().get("EXECUTOR_ID"));
  }

  @Override
  public ContainerLaunchContext forExecutor(ExecutorLaunchSpec spec, byte[] secret) {
    stagingThreads.add(Thread.currentThread().getName());
    specs.put(spec.executorId(), spec);
    if (secret != null) {
      secrets.put(spec.executorId(), secret.clone());
    }
    RuntimeException failure = stagingFailure;
    if (failure != null) {
      throw failure;
    }
    return ContainerLaunchContext.newInstance(Map.of(), Map.of("EXECUTOR_ID", spec.executorId(),
        "BIND_HOST", spec.bindHost()), List.of("true"), null, null, null);
  }

  /** Makes building launch contexts fail, as a staging directory that cannot be written would. */
  void failStaging(RuntimeException failure) {
    stagingFailure = failure;
  }

  /** A container the ResourceManager could allocate, on {@code host}. */
  Container container(String host) {
    ContainerId id = ContainerId.newContainerId(ATTEMPT, nextContainer.incrementAndGet());
    return Container.newInstance(id, NodeId.newInstance(host, 45454), host + ":8042", Resource.newInstance(1024, 1),
        Priority.newInstance(1), null);
  }

  static ContainerStatus exited(ContainerId id, int exitStatus, String diagnostics) {
    return ContainerStatus.newInstance(id, ContainerState.COMPLETE, diagnostics, exitStatus);
  }

  static ContainerStatus killedByYarn(ContainerId id) {
    return exited(id, ContainerExitStatus.KILLED_BY_RESOURCEMANAGER, "Container killed by the ResourceManager");
  }
}
