package io.sluice.internal.cluster;

/**
 * Where executor processes come from: child processes on this machine ({@code local-cluster}) or
 * YARN containers. The {@link ClusterScheduler} decides how many and when; the launcher only starts
 * processes, which then connect back to the driver and register.
 */
public interface ExecutorLauncher extends AutoCloseable {

  /** Told when an executor's process (container) ended, with a description of why, for diagnostics. */
  @FunctionalInterface
  interface ExitListener {
    void exited(String executorId, String diagnostics);
  }

  /**
   * Starts an executor process for {@code spec}, handing it {@code secret} (null when authentication
   * is off) out of band. Returns without waiting for it to register; {@code onExit} hears when the
   * process ends (at most once, on any thread).
   */
  void launch(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit);

  /** A short description for logs, e.g. "3 child processes". */
  String describe();

  /** Ends every process still running; called after the executors were asked to exit. */
  @Override
  void close();
}
