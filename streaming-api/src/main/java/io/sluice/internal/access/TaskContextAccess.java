package io.sluice.internal.access;

import io.sluice.core.TaskContext;

/** The engine-only member of {@link TaskContext}; see {@link Internals}. */
public interface TaskContextAccess {
  /** Installs (or with null, clears) the context of the task about to run on this thread. */
  void setCurrent(TaskContext context);
}
