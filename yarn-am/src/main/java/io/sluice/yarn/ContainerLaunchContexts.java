package io.sluice.yarn;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import java.io.IOException;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;

/**
 * Builds what an executor's container runs. May write to the file system (the launch spec goes to
 * the staging directory), so {@link ExecutorContainers} calls it off the thread that owns its state.
 */
@FunctionalInterface
interface ContainerLaunchContexts {

  /** @param spec the executor's launch spec, with the bind host of the node its container is on */
  ContainerLaunchContext forExecutor(ExecutorLaunchSpec spec, byte[] secret) throws IOException;
}
