package io.sluice.internal.history;

import io.sluice.core.SluiceConf;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.io.HadoopConfs;

/**
 * {@code bin/sluice-history-server}: serves {@code sluice.eventLog.dir} on {@code sluice.history.ui.port}
 * until the process is stopped. Settings come from {@code -Dsluice.*} system properties; the Hadoop
 * configuration from the classpath and {@code HADOOP_CONF_DIR}, as for the driver.
 */
public final class HistoryServerMain {
  private HistoryServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    SluiceConf conf = new SluiceConf();
    String dir = SluiceOptions.EVENT_LOG_DIR.get(conf);
    HistoryServer server = new HistoryServer(HadoopConfs.fromSluiceConf(conf), dir,
        SluiceOptions.HISTORY_UI_PORT.get(conf));
    if (SluiceOptions.HISTORY_CLEANER_ENABLED.get(conf)) {
      server.cleanEvery(SluiceOptions.HISTORY_CLEANER_INTERVAL_MS.get(conf), SluiceOptions.HISTORY_CLEANER_MAX_AGE_MS.get(conf));
    }
    System.out.println("Sluice history server for " + dir + " at http://localhost:" + server.port() + "/");
    // The HTTP threads are daemons; this one keeps the JVM alive until it is stopped (Ctrl-C, kill).
    Thread.currentThread().join();
  }
}
