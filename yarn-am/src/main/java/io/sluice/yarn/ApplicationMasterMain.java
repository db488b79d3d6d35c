package io.sluice.yarn;

import io.sluice.core.SluiceException;
import io.sluice.internal.checkpoint.Applications;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.logging.ContainerOutput;
import io.sluice.internal.util.PosixSignals;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster's JVM, started by YARN in the AM container that {@code sluice-submit}
 * describes. Reads {@value ApplicationSpec#FILE_NAME} from its working directory, makes the driver
 * run on YARN ({@code sluice.master=yarn}, the UI on an ephemeral port of this node), and runs the
 * attempt. Exit code 0 when the application finished (succeeded or was stopped), 1 when it failed.
 */
public final class ApplicationMasterMain {
  private static final Logger log = LoggerFactory.getLogger(ApplicationMasterMain.class);

  private ApplicationMasterMain() {}

  public static void main(String[] args) throws Exception {
    ContainerOutput.installIfInContainer(); // print() and stray output roll instead of growing forever
    ApplicationSpec app;
    try (InputStream in = Files.newInputStream(Path.of(ApplicationSpec.FILE_NAME))) {
      app = ApplicationSpec.read(in);
    }
    String containerId = System.getenv(Environment.CONTAINER_ID.name());
    String host = System.getenv(Environment.NM_HOST.name());
    if (containerId == null || host == null) {
      throw new SluiceException("The ApplicationMaster was started without CONTAINER_ID and NM_HOST in its "
          + "environment; it is meant to be launched by YARN through sluice-submit");
    }
    ApplicationAttemptId attemptId = ContainerId.fromString(containerId).getApplicationAttemptId();
    configureDriver(app, host, attemptId);
    ApplicationMaster am = new ApplicationMaster(app, new YarnConfiguration(), attemptId, host);

    AtomicBoolean signalled = new AtomicBoolean();
    watchForTermination(signalled);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> am.onJvmShutdown(signalled.get()), "sluice-am-shutdown"));
    int code;
    try {
      code = am.run();
    } catch (Exception | Error e) {
      log.error("The ApplicationMaster failed", e);
      code = 1;
    }
    log.info("ApplicationMaster exiting with code {}", code);
    // User code may have left non-daemon threads behind; the application is over either way.
    Runtime.getRuntime().halt(code);
  }

  /**
   * The driver reads its configuration from {@code sluice.*} system properties: the submitted
   * settings, then what only this container knows (its host, an ephemeral UI port, the application
   * and attempt ids, which name the event log).
   */
  private static void configureDriver(ApplicationSpec app, String host, ApplicationAttemptId attemptId) {
    app.conf().forEach(System::setProperty);
    System.setProperty(SluiceOptions.MASTER.key(), "yarn");
    System.setProperty(SluiceOptions.APP_NAME.key(), app.appName());
    System.setProperty("sluice.driver.host", host);
    System.setProperty("sluice.yarn.appId", attemptId.getApplicationId().toString());
    System.setProperty("sluice.yarn.attemptId", Integer.toString(attemptId.getAttemptId()));
    // The checkpoint's owner is the user's main class, as in a local run of the same program.
    System.setProperty(Applications.MAIN_CLASS_PROPERTY, app.mainClass());
    if (!app.conf().containsKey("sluice.ui.port")) {
      System.setProperty("sluice.ui.port", "0");
    }
  }

  /** Remembers whether the JVM is ending because YARN sent SIGTERM (kill, preemption, NM shutdown). */
  private static void watchForTermination(AtomicBoolean signalled) {
    try {
      AtomicBoolean once = new AtomicBoolean();
      Runnable[] previous = new Runnable[1];
      previous[0] = PosixSignals.handle("TERM", () -> {
        signalled.set(true);
        if (!once.compareAndSet(false, true)) {
          return;
        }
        if (previous[0] == null) {
          System.exit(143);
        } else {
          previous[0].run(); // the JVM's own: runs the shutdown hooks and exits with 143
        }
      }).orElse(null);
    } catch (IllegalArgumentException e) {
      log.debug("Cannot watch for SIGTERM: {}", e.toString());
    }
  }

}
