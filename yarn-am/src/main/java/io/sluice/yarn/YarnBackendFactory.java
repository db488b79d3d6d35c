package io.sluice.yarn;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ClusterScheduler;
import io.sluice.internal.config.MasterUrl;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.scheduler.ClusterBackend;
import io.sluice.internal.scheduler.ClusterBackendFactory;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.util.MonotonicClock;
import java.util.Optional;

/**
 * Master {@code yarn}: the driver runs in this JVM's ApplicationMaster and its executors in YARN
 * containers ({@code sluice.executor.instances} of {@code sluice.executor.cores} vcores and
 * {@code sluice.executor.memory} heap plus overhead). The scheduling is the same
 * {@link ClusterScheduler} as local-cluster's; only where the processes come from differs.
 */
public final class YarnBackendFactory implements ClusterBackendFactory {
  @Override
  public Optional<ClusterBackend> create(MasterUrl master, SluiceConf conf, ExecutorEnv driverEnv,
                                         MapOutputTracker mapOutputs) {
    if (!(master instanceof MasterUrl.Yarn)) {
      return Optional.empty();
    }
    ApplicationMaster am = ApplicationMaster.current().orElseThrow(YarnBackendFactory::notInApplicationMaster);
    // The UI is up before the backend (the SluiceContext starts it first): show it in the RM while
    // the executors start.
    SluiceContext.active().flatMap(SluiceContext::uiWebUrl).ifPresent(am::trackingUrl);
    long heapMb = SluiceOptions.EXECUTOR_MEMORY_MB.get(conf);
    int cores = SluiceOptions.EXECUTOR_CORES.get(conf);
    // Executors kept from an earlier attempt get half the registration timeout to come back, so that
    // replacements for those that do not still register in time.
    long registrationMs = SluiceOptions.EXECUTOR_REGISTRATION_TIMEOUT_MS.get(conf);
    ExecutorContainers launcher = am.executorContainers(heapMb, cores,
        SluiceOptions.EXECUTOR_MEMORY_OVERHEAD_MB.getOption(conf), registrationMs / 2,
        am.launchPolicy(registrationMs, SluiceOptions.YARN_EXECUTOR_NODE_EXCLUSION_MS.get(conf)));
    ClusterScheduler scheduler = new ClusterScheduler(conf, am.host(), SluiceOptions.EXECUTOR_INSTANCES.get(conf),
        cores, heapMb, launcher, driverEnv, mapOutputs, new MonotonicClock(), secret(am, conf));
    am.scheduler(scheduler);
    return Optional.of(scheduler);
  }

  /**
   * The secret every attempt shares (from the ApplicationMaster's credentials, set by the client),
   * or null with authentication off; one of this attempt's own when an older client set none.
   */
  private static byte[] secret(ApplicationMaster am, SluiceConf conf) {
    if (!SluiceOptions.AUTHENTICATE.getOption(conf).orElse(true)) {
      return null;
    }
    byte[] shared = am.applicationSecret();
    return shared != null ? shared : io.sluice.internal.rpc.Secrets.generate();
  }

  private static SluiceException notInApplicationMaster() {
    return new SluiceException("Master 'yarn' runs only inside the Sluice ApplicationMaster; submit the application "
        + "with bin/sluice-submit (or 'yarn jar sluice-client.jar submit ...')");
  }
}
