package io.sluice.internal.scheduler;

/** How a task attempt ended, as reported by the executor that ran it. */
public sealed interface TaskOutcome {

  /** @param result the task's return value, serialized with the data serializer */
  record Success(byte[] result) implements TaskOutcome {}

  /** The task threw; {@code error} is what the user's code (or the engine) threw. */
  record Failure(Throwable error) implements TaskOutcome {}

  /** A shuffle input was missing: its map task must be rerun before this task can succeed. */
  record FetchFailure(int shuffleId, int mapId, String message) implements TaskOutcome {}

  /** The executor running the task went away; the task is rerun elsewhere without counting as a failure. */
  record ExecutorLost(String executorId) implements TaskOutcome {}
}
