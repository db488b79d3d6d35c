package io.sluice.core;

import io.sluice.internal.access.Internals;

/**
 * What a running task knows about itself. {@link #get()} works on the thread that runs the task
 * (inside user functions passed to RDD and DStream operations) and returns null elsewhere.
 */
public abstract class TaskContext {
  private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

  static {
    Internals.install(TaskContext::setCurrent);
  }

  /** The context of the task running on this thread, or null outside tasks. */
  public static TaskContext get() {
    return CURRENT.get();
  }

  /** Installs (or with null, clears) the context of the task about to run on this thread; engine only. */
  private static void setCurrent(TaskContext context) {
    if (context == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
  }

  /** The index of the partition this task computes. */
  public abstract int partitionId();

  /** 0 for the first attempt of this task, 1 for the first retry, ... */
  public abstract int attemptNumber();

  /** The id of the stage this task belongs to. */
  public abstract int stageId();
}
