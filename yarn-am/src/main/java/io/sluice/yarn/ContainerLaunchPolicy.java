package io.sluice.yarn;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeId;

/**
 * How {@link ExecutorContainers} treats containers that do not turn into executors.
 *
 * @param registrationTimeoutMs a started container whose executor has not registered this long
 *     after the NodeManager was asked to start it is released and reported as a failed start
 *     ({@code sluice.executor.registrationTimeout})
 * @param nodeExclusionMs how long a node where a container could not be started, or whose executor
 *     ended or hung before it registered, gets no more executor containers; 0: never excluded
 *     ({@code sluice.yarn.executor.nodeExclusionTimeout})
 * @param portInNodeName whether the scheduler names nodes "host:port" rather than "host"
 *     ({@code yarn.scheduler.include-port-in-node-name}, set where several NodeManagers share a host):
 *     an exclusion must use the scheduler's name, or it would cover every NodeManager of the host
 */
record ContainerLaunchPolicy(long registrationTimeoutMs, long nodeExclusionMs, boolean portInNodeName) {
  static final String PORT_IN_NODE_NAME = "yarn.scheduler.include-port-in-node-name";

  static ContainerLaunchPolicy of(long registrationTimeoutMs, long nodeExclusionMs, Configuration hadoopConf) {
    return new ContainerLaunchPolicy(registrationTimeoutMs, nodeExclusionMs,
        hadoopConf.getBoolean(PORT_IN_NODE_NAME, false));
  }

  /** The name the ResourceManager's scheduler knows {@code node} by, as exclusions must give it. */
  String nodeName(NodeId node) {
    return portInNodeName ? node.getHost() + ":" + node.getPort() : node.getHost();
  }
}
