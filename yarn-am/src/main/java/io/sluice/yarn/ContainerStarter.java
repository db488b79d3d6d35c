package io.sluice.yarn;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;

/**
 * Asks a container's NodeManager to start it, without waiting: a failure comes back later through
 * {@link ExecutorContainers#startFailed}. An interface so that tests can record starts instead.
 */
@FunctionalInterface
interface ContainerStarter {

  void start(Container container, ContainerLaunchContext context);

  static ContainerStarter of(NMClientAsync client) {
    return client::startContainerAsync;
  }
}
