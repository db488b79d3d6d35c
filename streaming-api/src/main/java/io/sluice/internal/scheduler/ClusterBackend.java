package io.sluice.internal.scheduler;

import java.util.function.Consumer;

/**
 * Where tasks run. The driver does not care whether executors are threads ({@code local[N]}),
 * child processes ({@code local-cluster}) or YARN containers: it launches tasks and hears how they ended.
 * Implementations are thread-safe.
 */
public interface ClusterBackend extends AutoCloseable {

  /** Task slots (cores) across all executors currently registered. */
  int totalCores();

  /** Runs the task on some executor; {@code onDone} is called exactly once, on any thread. */
  void launchTask(TaskDescription task, Consumer<TaskOutcome> onDone);

  /** Stops every executor; tasks still running are abandoned. */
  @Override
  void close();
}
