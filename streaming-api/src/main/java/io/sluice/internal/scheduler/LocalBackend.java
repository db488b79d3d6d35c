package io.sluice.internal.scheduler;

import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.util.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@code local[N]}: one executor inside the driver's JVM, running tasks on N threads. */
public final class LocalBackend implements ClusterBackend {
  private final int threads;
  private final ExecutorEnv env;
  private final ExecutorService pool;

  public LocalBackend(int threads, ExecutorEnv env) {
    this.threads = threads;
    this.env = env;
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        DaemonThreads.tasks("sluice-task"));
  }

  @Override
  public int totalCores() {
    return threads;
  }

  /** Every task reports exactly once, even when something outside the task fails (e.g. out of memory). */
  @Override
  public void launchTask(TaskDescription task, Consumer<TaskOutcome> onDone) {
    pool.execute(() -> {
      TaskOutcome outcome;
      try {
        outcome = TaskRunner.run(task, env);
      } catch (Throwable t) {
        outcome = new TaskOutcome.Failure(t);
      }
      onDone.accept(outcome);
    });
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
