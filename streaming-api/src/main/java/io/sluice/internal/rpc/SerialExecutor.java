package io.sluice.internal.rpc;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one per connection, so a
 * connection's messages are handled in order while connections proceed in parallel. Each task is a
 * separate pool submission, so a busy connection cannot starve the others.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by this
  private boolean scheduled; // guarded by this

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  /** @throws RejectedExecutionException when the pool was shut down */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    submitNext();
  }

  private void runOne() {
    Runnable task;
    synchronized (this) {
      task = tasks.poll();
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure of an RPC task", e);
    } finally {
      synchronized (this) {
        if (tasks.isEmpty()) {
          scheduled = false;
          return;
        }
      }
      try {
        submitNext();
      } catch (RejectedExecutionException e) {
        LOG.debug("Pool shut down; dropped the remaining tasks of a lane");
      }
    }
  }

  private void submitNext() {
    try {
      pool.execute(this::runOne);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        tasks.clear();
        scheduled = false;
      }
      throw e;
    }
  }
}
