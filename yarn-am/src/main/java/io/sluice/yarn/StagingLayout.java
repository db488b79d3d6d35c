package io.sluice.yarn;

import org.apache.hadoop.fs.Path;

/**
 * Where an application's files live on the cluster's default file system, shared knowledge of the
 * client (which uploads them) and the ApplicationMaster (which reads and removes them):
 * <pre>
 *   &lt;home&gt;/.sluice-staging/&lt;appId&gt;/            per application; removed when it ends
 *       __sluice_app__.properties, __app__.jar, __hadoop_conf__.zip, log4j2-sluice-container.xml
 *       executors/&lt;executorId&gt;.properties        one launch spec per executor container
 *       stop-requested                           written by {@code sluice-submit kill}
 *       driver-address                           host:port of the current attempt's driver, read by
 *                                                executors that outlived the previous attempt
 *   &lt;home&gt;/.sluice-staging/.cache/&lt;sha256&gt;/&lt;jar&gt;  Sluice's runtime jars and the --jars, shared by
 *                                                  content hash
 * </pre>
 */
public final class StagingLayout {
  public static final String ROOT = ".sluice-staging";
  public static final String STOP_MARKER = "stop-requested";
  public static final String DRIVER_ADDRESS = "driver-address";

  private StagingLayout() {}

  public static Path root(Path home) {
    return new Path(home, ROOT);
  }

  public static Path appDir(Path home, String appId) {
    return new Path(root(home), appId);
  }

  public static Path jarCache(Path home) {
    return new Path(root(home), ".cache");
  }

  public static Path executorSpec(Path appDir, String executorId) {
    return new Path(new Path(appDir, "executors"), executorId + ".properties");
  }

  public static Path driverAddress(Path appDir) {
    return new Path(appDir, DRIVER_ADDRESS);
  }

  public static Path stopMarker(Path appDir) {
    return new Path(appDir, STOP_MARKER);
  }
}
