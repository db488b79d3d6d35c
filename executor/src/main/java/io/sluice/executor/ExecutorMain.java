package io.sluice.executor;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.cluster.ExecutorRuntime;
import io.sluice.internal.logging.ContainerOutput;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor process: {@code ExecutorMain <launch-spec-file>}, with the application secret (hex)
 * in the {@code SLUICE_AUTH_SECRET} environment variable, or in a YARN container's credentials,
 * when authentication is on (see {@link ExecutorSecret}). Runs until the
 * driver says stop or goes away; in a YARN container, until no new driver appeared within
 * {@code sluice.executor.driverLossTimeout} after the last one went away. Exit codes: 0 after a normal end, 1 when it could not start.
 */
public final class ExecutorMain {
  private static final Logger log = LoggerFactory.getLogger(ExecutorMain.class);

  private ExecutorMain() {}

  public static void main(String[] args) {
    ContainerOutput.installIfInContainer(); // print() and stray output roll instead of growing forever
    if (args.length != 1) {
      System.err.println("usage: ExecutorMain <launch-spec-file>");
      System.exit(2);
    }
    ExecutorRuntime runtime;
    try {
      ExecutorLaunchSpec spec = ExecutorLaunchSpec.read(Path.of(args[0]));
      // In a YARN container the executor outlives its driver and looks for the next attempt's.
      runtime = new ExecutorRuntime(spec, ExecutorSecret.find(System.getenv()),
          PublishedDriverAddress.fromEnvironment(System.getenv()).orElse(null));
    } catch (RuntimeException e) {
      log.error("Executor could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    String reason;
    try {
      reason = runtime.awaitEnd();
    } catch (InterruptedException e) {
      reason = "interrupted";
    }
    runtime.close();
    log.info("Executor exiting ({})", reason);
    // Tasks may still hold non-daemon threads started by user code; the driver is done with us.
    Runtime.getRuntime().halt(0);
  }
}
