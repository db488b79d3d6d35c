package io.sluice.yarn;

import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

/**
 * The part of the ResourceManager client that {@link ExecutorContainers} uses, so that its
 * allocation logic can be tested with a recording fake. None of the methods waits on the network:
 * the AMRM client sends what they queue with its next heartbeat.
 */
interface ContainerAllocator {

  void request(ContainerRequest request);

  /** Withdraws a request, once fulfilled too: YARN keeps allocating for a request it still holds. */
  void withdraw(ContainerRequest request);

  void release(ContainerId container);

  /**
   * Asks for no containers on {@code node} (as the scheduler names it) until {@link #readmit}: the
   * ResourceManager's blacklist, which it applies to every request of this application.
   */
  void exclude(String node);

  void readmit(String node);

  /** How many nodes the cluster has, as the ResourceManager last said (0 before it has). */
  int clusterNodes();

  /** Whether requests are outstanding: the AM heartbeats faster while they are, to get containers sooner. */
  void requestsPending(boolean pending);

  static ContainerAllocator of(AMRMClientAsync<ContainerRequest> client, Consumer<Boolean> requestsPending) {
    return new ContainerAllocator() {
      @Override
      public void request(ContainerRequest request) {
        client.addContainerRequest(request);
      }

      @Override
      public void withdraw(ContainerRequest request) {
        client.removeContainerRequest(request);
      }

      @Override
      public void release(ContainerId container) {
        client.releaseAssignedContainer(container);
      }

      @Override
      public void exclude(String node) {
        client.updateBlacklist(java.util.List.of(node), null);
      }

      @Override
      public void readmit(String node) {
        client.updateBlacklist(null, java.util.List.of(node));
      }

      @Override
      public int clusterNodes() {
        return client.getClusterNodeCount();
      }

      @Override
      public void requestsPending(boolean pending) {
        requestsPending.accept(pending);
      }
    };
  }
}
