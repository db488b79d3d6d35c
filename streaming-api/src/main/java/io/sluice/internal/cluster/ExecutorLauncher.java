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

  /**
   * The driver's RPC server listens at {@code address}; called once, before any {@link #launch}.
   * A launcher whose executors outlive a driver publishes it here so they can find the next one.
   */
  default void driverListening(java.net.InetSocketAddress address) {}

  /**
   * Executors kept running from an earlier driver of this application (YARN keeps containers across
   * ApplicationMaster attempts), which are expected to re-register rather than be launched again.
   * {@code onGone} hears of each one that ended or did not come back in time, with {@code null}
   * as its executor id when it never re-registered, so the scheduler can start a replacement.
   *
   * @return how many such executors there are; 0 for launchers whose processes die with their driver
   */
  default int adoptExecutors(ExitListener onGone) {
    return 0;
  }

  /**
   * The highest executor number ({@code exec-<n>}) any earlier driver of this application used, so
   * new executors do not take the id of one that may still come back.
   */
  default int executorNumbersUsed() {
    return 0;
  }

  /** The executor {@code executorId} this launcher started registered with the driver. */
  default void registered(String executorId) {}

  /** An adopted executor re-registered from the container (or process) named {@code processId}. */
  default void reattached(String executorId, String processId) {}

  /**
   * The driver declared {@code executorId} lost while its process may still run (silent past the
   * heartbeat timeout: paused, or on a node cut off): end the process, so it frees its resources and
   * does nothing more. Its exit is not reported to the scheduler again. Does nothing for an unknown id.
   */
  default void stop(String executorId) {}

  /** A short description for logs, e.g. "3 child processes". */
  String describe();

  /** Ends every process still running; called after the executors were asked to exit. */
  @Override
  void close();
}
