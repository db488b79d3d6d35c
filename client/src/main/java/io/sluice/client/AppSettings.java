package io.sluice.client;

import io.sluice.core.SluiceConf;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.yarn.ContainerOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a submission asks of YARN, read from the command's settings with Sluice's defaults.
 *
 * @param specConf the {@code sluice.*} settings the ApplicationMaster gets: the command's, plus the
 *     effective executor, driver and queue settings and {@code sluice.master=yarn}
 * @param containers the containers' JVM options, environment, node labels and log limits, checked
 */
record AppSettings(String appName, String queue, int maxAttempts, Optional<Long> attemptValidityMs,
                   int driverMemoryMb, int amContainerMb, int executorContainerMb, Map<String, String> specConf,
                   ContainerOptions containers) {
  static final int MIN_OVERHEAD_MB = 384;

  AppSettings {
    specConf = Map.copyOf(specConf);
  }

  static AppSettings of(Command.Submit submit) {
    SluiceConf conf = new SluiceConf(false);
    submit.conf().forEach(conf::set);
    int driverMb = Math.toIntExact(SluiceOptions.DRIVER_MEMORY_MB.get(conf));
    long executorMb = SluiceOptions.EXECUTOR_MEMORY_MB.get(conf);
    long executorOverheadMb = SluiceOptions.EXECUTOR_MEMORY_OVERHEAD_MB.getOption(conf).orElse(overheadMb(executorMb));
    long driverOverheadMb = SluiceOptions.DRIVER_MEMORY_OVERHEAD_MB.getOption(conf).orElse(overheadMb(driverMb));

    Map<String, String> spec = new HashMap<>(submit.conf());
    spec.put(SluiceOptions.MASTER.key(), "yarn");
    spec.put(SluiceOptions.EXECUTOR_INSTANCES.key(), SluiceOptions.EXECUTOR_INSTANCES.get(conf).toString());
    spec.put(SluiceOptions.EXECUTOR_CORES.key(), SluiceOptions.EXECUTOR_CORES.get(conf).toString());
    spec.put(SluiceOptions.EXECUTOR_MEMORY_MB.key(), executorMb + "m");
    spec.put(SluiceOptions.DRIVER_MEMORY_MB.key(), driverMb + "m");
    spec.put(SluiceOptions.YARN_QUEUE.key(), SluiceOptions.YARN_QUEUE.get(conf));
    return new AppSettings(SluiceOptions.APP_NAME.get(conf), SluiceOptions.YARN_QUEUE.get(conf),
        SluiceOptions.YARN_MAX_APP_ATTEMPTS.get(conf), SluiceOptions.YARN_ATTEMPT_VALIDITY_MS.getOption(conf),
        driverMb, Math.toIntExact(driverMb + driverOverheadMb),
        Math.toIntExact(executorMb + executorOverheadMb), spec, ContainerOptions.of(spec));
  }

  /** Memory a container gets beyond the heap: max(384 MB, 10% of the heap). */
  static long overheadMb(long heapMb) {
    return Math.max(MIN_OVERHEAD_MB, heapMb / 10);
  }
}
