package io.sluice.executor;

import io.sluice.core.SluiceConf;
import io.sluice.internal.cluster.ClusterScheduler;
import io.sluice.internal.config.MasterUrl;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.scheduler.ClusterBackend;
import io.sluice.internal.scheduler.ClusterBackendFactory;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.util.MonotonicClock;
import java.util.Optional;

/** {@code local-cluster[executors,cores,memoryMB]}: executors as child processes of the driver, on loopback. */
public final class LocalClusterBackendFactory implements ClusterBackendFactory {
  @Override
  public Optional<ClusterBackend> create(MasterUrl master, SluiceConf conf, ExecutorEnv driverEnv,
                                         MapOutputTracker mapOutputs) {
    if (!(master instanceof MasterUrl.LocalCluster cluster)) {
      return Optional.empty();
    }
    ChildProcessLauncher launcher = new ChildProcessLauncher(conf);
    return Optional.of(new ClusterScheduler(conf, "127.0.0.1", cluster.executors(), cluster.coresPerExecutor(),
        cluster.memoryMb(), launcher, driverEnv, mapOutputs, new MonotonicClock()));
  }
}
