package io.sluice.yarn;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a submission says about its containers beyond their size, read and checked once, by the
 * client before anything is uploaded and by the ApplicationMaster for its executors: JVM options,
 * environment variables ({@code sluice.yarn.appMasterEnv.NAME}, {@code sluice.executorEnv.NAME}), node
 * labels, and how large container logs grow before they roll.
 */
public record ContainerOptions(List<String> driverJavaOptions, List<String> executorJavaOptions,
                               Map<String, String> appMasterEnv, Map<String, String> executorEnv,
                               Optional<String> amNodeLabel, Optional<String> executorNodeLabel,
                               long logMaxSizeMb, int logMaxFiles) {
  public static final String APP_MASTER_ENV_PREFIX = "sluice.yarn.appMasterEnv.";
  public static final String EXECUTOR_ENV_PREFIX = "sluice.executorEnv.";

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** YARN's rule for a node label's name; an expression is one label (YARN supports no operators yet). */
  private static final Pattern NODE_LABEL = Pattern.compile("[0-9a-zA-Z][0-9a-zA-Z_\\-]{0,254}");
  /** Variables the container's launch sets or YARN owns; a user value would break the container. */
  private static final Set<String> RESERVED_ENV = Set.of("CLASSPATH", "HADOOP_CONF_DIR", "HADOOP_TOKEN_FILE_LOCATION",
      "CONTAINER_ID", "NM_HOST", "NM_PORT", "NM_HTTP_PORT", "LOCAL_DIRS", "LOG_DIRS", "PWD", "USER", "LOGNAME",
      "HOME", "SLUICE_AUTH_SECRET");

  public ContainerOptions {
    driverJavaOptions = List.copyOf(driverJavaOptions);
    executorJavaOptions = List.copyOf(executorJavaOptions);
    appMasterEnv = Map.copyOf(appMasterEnv);
    executorEnv = Map.copyOf(executorEnv);
  }

  /** @throws SluiceException naming the first key whose value is unusable */
  public static ContainerOptions of(Map<String, String> settings) {
    SluiceConf conf = new SluiceConf(false);
    settings.forEach(conf::set);
    return new ContainerOptions(
        JavaOptions.parse(SluiceOptions.DRIVER_EXTRA_JAVA_OPTIONS.key(),
            SluiceOptions.DRIVER_EXTRA_JAVA_OPTIONS.get(conf)),
        JavaOptions.parse(SluiceOptions.EXECUTOR_EXTRA_JAVA_OPTIONS.key(),
            SluiceOptions.EXECUTOR_EXTRA_JAVA_OPTIONS.get(conf)),
        environment(settings, APP_MASTER_ENV_PREFIX), environment(settings, EXECUTOR_ENV_PREFIX),
        nodeLabel(conf, SluiceOptions.YARN_AM_NODE_LABEL.key()),
        nodeLabel(conf, SluiceOptions.YARN_EXECUTOR_NODE_LABEL.key()),
        SluiceOptions.YARN_LOG_MAX_SIZE_MB.get(conf), SluiceOptions.YARN_LOG_MAX_FILES.get(conf));
  }

  private static Map<String, String> environment(Map<String, String> settings, String prefix) {
    Map<String, String> env = new TreeMap<>();
    settings.forEach((key, value) -> {
      if (!key.startsWith(prefix)) {
        return;
      }
      String name = key.substring(prefix.length());
      if (!ENV_NAME.matcher(name).matches()) {
        throw new SluiceException(key + ": '" + name + "' is not an environment variable name (letters, digits, _)");
      }
      if (RESERVED_ENV.contains(name)) {
        throw new SluiceException(key + ": " + name + " is set by YARN or Sluice for every container and cannot be "
            + "replaced");
      }
      env.put(name, value);
    });
    return env;
  }

  private static Optional<String> nodeLabel(SluiceConf conf, String key) {
    Optional<String> label = conf.getOption(key).map(String::trim).filter(s -> !s.isEmpty());
    label.ifPresent(l -> {
      if (!NODE_LABEL.matcher(l).matches()) {
        throw new SluiceException(key + ": '" + l + "' is not a YARN node label (one label: letters, digits, - and _, "
            + "starting with a letter or digit; YARN supports no && or || in label expressions)");
      }
    });
    return label;
  }
}
