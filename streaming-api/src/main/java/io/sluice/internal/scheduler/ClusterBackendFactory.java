package io.sluice.internal.scheduler;

import io.sluice.core.SluiceConf;
import io.sluice.internal.config.MasterUrl;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.shuffle.MapOutputTracker;
import java.util.Optional;

/**
 * Creates the backend for a master URL that is not {@code local[N]}. Found with
 * {@link java.util.ServiceLoader}, so the modules that provide process- and YARN-based executors
 * plug in by being on the classpath.
 */
public interface ClusterBackendFactory {
  /**
   * The backend for {@code master}, or empty if this factory does not serve that kind of master.
   *
   * @param driverEnv the driver's block store and serializers (executors fetch broadcast values from it)
   * @param mapOutputs the shuffle outputs to forget when an executor is lost
   */
  Optional<ClusterBackend> create(MasterUrl master, SluiceConf conf, ExecutorEnv driverEnv,
                                  MapOutputTracker mapOutputs);
}
