package io.sluice.internal.scheduler;

/**
 * Hears executors come and go, e.g. for the event log. Called on the backend's own thread (the
 * cluster scheduler's loop): implementations only record or hand off, never block.
 */
public interface ExecutorListener {
  void executorAdded(String executorId, String hostPort, int cores);

  void executorRemoved(String executorId, String reason);
}
