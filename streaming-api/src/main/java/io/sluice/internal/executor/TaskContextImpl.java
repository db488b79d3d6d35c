package io.sluice.internal.executor;

import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.shuffle.MapStatus;
import java.util.Map;

/** The engine's side of a task context: also carries the executor environment. */
public final class TaskContextImpl extends TaskContext {
  private final int stageId;
  private final int partitionId;
  private final int attemptNumber;
  private final ExecutorEnv env;
  private final Map<Integer, MapStatus[]> shuffleInputs;
  private final java.util.List<Runnable> onCompletion = new java.util.ArrayList<>();

  /** @param shuffleInputs where the map outputs of every shuffle this task reads are */
  public TaskContextImpl(int stageId, int partitionId, int attemptNumber, ExecutorEnv env,
                         Map<Integer, MapStatus[]> shuffleInputs) {
    this.stageId = stageId;
    this.partitionId = partitionId;
    this.attemptNumber = attemptNumber;
    this.env = env;
    this.shuffleInputs = shuffleInputs;
  }

  /** The map outputs of a shuffle this task reads; the scheduler ships them with the task. */
  public MapStatus[] mapStatuses(int shuffleId) {
    MapStatus[] statuses = shuffleInputs.get(shuffleId);
    if (statuses == null) {
      throw new IllegalStateException("Task of stage " + stageId + " was not given the outputs of shuffle "
          + shuffleId);
    }
    return statuses;
  }

  /** The environment of the task running on this thread; fails when called outside a task. */
  public static ExecutorEnv currentEnv() {
    TaskContext current = TaskContext.get();
    if (current instanceof TaskContextImpl impl) {
      return impl.env;
    }
    throw new IllegalStateException("Not inside a Sluice task");
  }

  public ExecutorEnv env() {
    return env;
  }

  /**
   * Runs {@code cleanup} when the task ends, whether it read its input to the end or not (e.g.
   * take() stops early): readers of files and sockets close their handles this way.
   */
  public void addCompletionListener(Runnable cleanup) {
    onCompletion.add(cleanup);
  }

  /** Runs {@code body} with this context installed on the current thread, then the completion listeners. */
  public <T> T runWith(java.util.concurrent.Callable<T> body) throws Exception {
    TaskContext previous = TaskContext.get();
    Internals.taskContext().setCurrent(this);
    try {
      return body.call();
    } finally {
      Internals.taskContext().setCurrent(previous);
      for (Runnable cleanup : onCompletion) {
        try {
          cleanup.run();
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(TaskContextImpl.class).warn("Task cleanup failed", e);
        }
      }
    }
  }

  @Override
  public int partitionId() {
    return partitionId;
  }

  @Override
  public int attemptNumber() {
    return attemptNumber;
  }

  @Override
  public int stageId() {
    return stageId;
  }
}
