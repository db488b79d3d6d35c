package io.sluice.internal.cluster;

import io.sluice.core.SluiceException;
import io.sluice.internal.scheduler.TaskDescription;
import io.sluice.internal.scheduler.TaskOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The cluster scheduler's tasks, waiting and running, and where a waiting task goes: to an executor
 * it prefers (where its data is) with a free core; after the locality wait, or when none of those is
 * alive, to the executor with the most free cores. Owned by the scheduler's loop thread, like the
 * executor slots it reads and updates; not thread-safe.
 */
final class TaskPlacement {
  /** A task handed to an executor; {@code onDone} hears how it ended. */
  record Running(TaskDescription task, String executorId, Consumer<TaskOutcome> onDone) {}

  private record Waiting(TaskDescription task, Consumer<TaskOutcome> onDone, long sinceMs) {}

  private final long localityWaitMs;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Map<Long, Running> running = new HashMap<>();

  TaskPlacement(long localityWaitMs) {
    this.localityWaitMs = localityWaitMs;
  }

  /** Queues a task; its locality wait starts {@code nowMs}. */
  void add(TaskDescription task, Consumer<TaskOutcome> onDone, long nowMs) {
    waiting.add(new Waiting(task, onDone, nowMs));
  }

  /**
   * Places every waiting task that may start now on {@code executors}: takes a core of the chosen
   * executor, records the task as running there and hands both to {@code launch}, in queue order.
   */
  void placeWaiting(Map<String, ExecutorSlot> executors, long nowMs, BiConsumer<ExecutorSlot, Running> launch) {
    if (executors.isEmpty()) {
      return;
    }
    Iterator<Waiting> it = waiting.iterator();
    while (it.hasNext()) {
      Waiting w = it.next();
      ExecutorSlot target = pick(executors, w, nowMs);
      if (target != null) {
        it.remove();
        target.freeCores--;
        Running task = new Running(w.task(), target.id(), w.onDone());
        running.put(w.task().taskId(), task);
        launch.accept(target, task);
      }
    }
  }

  /** The running task {@code taskId} ended; null when it is not running (a late report after a loss). */
  Running ended(long taskId) {
    return running.remove(taskId);
  }

  /** Forgets the tasks running on a lost executor and returns them, for their callers to rerun. */
  List<Running> removeRunningOn(String executorId) {
    List<Running> lost = new ArrayList<>();
    running.values().removeIf(t -> t.executorId().equals(executorId) && lost.add(t));
    return lost;
  }

  /** Fails every waiting task with {@code error} (the application cannot go on). */
  void failWaiting(String error) {
    while (!waiting.isEmpty()) {
      waiting.poll().onDone().accept(new TaskOutcome.Failure(new SluiceException(error)));
    }
  }

  int waitingCount() {
    return waiting.size();
  }

  private ExecutorSlot pick(Map<String, ExecutorSlot> executors, Waiting w, long nowMs) {
    boolean anyPreferredAlive = false;
    for (String id : w.task().preferredExecutors()) {
      ExecutorSlot slot = executors.get(id);
      if (slot != null) {
        anyPreferredAlive = true;
        if (slot.freeCores > 0) {
          return slot;
        }
      }
    }
    if (anyPreferredAlive && nowMs - w.sinceMs() < localityWaitMs) {
      return null;
    }
    return executors.values().stream().filter(s -> s.freeCores > 0)
        .max(Comparator.comparingInt(s -> s.freeCores)).orElse(null);
  }
}
