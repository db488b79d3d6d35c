package io.sluice.internal.cluster;

/**
 * Where executor processes come from: child processes on this machine ({@code local-cluster}) or
 * YARN containers. The {@link ClusterScheduler} decides how many and when; the launcher only starts
 * processes, which then connect back to the driver and register.
 */
public interface ExecutorLauncher extends AutoCloseable {

  /**
   * Starts an executor process for {@code spec}, handing it {@code secret} (null when authentication
   * is off) out of band. Returns without waiting for it to register.
   */
  void launch(ExecutorLaunchSpec spec, byte[] secret);

  /** A short description for logs, e.g. "3 child processes". */
  String describe();

  /** Ends every process still running; called after the executors were asked to exit. */
  @Override
  void close();
}
