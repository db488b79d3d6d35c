package io.sluice.internal.scheduler;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.rdd.TaskFunction;
import io.sluice.internal.shuffle.FetchFailedException;
import io.sluice.internal.shuffle.ShuffleWriter;

/** Runs one task on an executor: deserialize, compute the partition, report the outcome. Never throws. */
public final class TaskRunner {
  private TaskRunner() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static TaskOutcome run(TaskDescription task, ExecutorEnv env) {
    try {
      StagePayload payload = env.closureSerializer().deserialize(task.stagePayload());
      RDD<Object> rdd = (RDD<Object>) payload.rdd();
      Partition split = Internals.rdd().partitions(rdd)[task.partition()];
      TaskContextImpl context = new TaskContextImpl(task.stageId(), task.partition(), task.attempt(), env,
          task.shuffleInputs());
      Object result = context.runWith(() -> {
        if (payload instanceof StagePayload.ShuffleMap m) {
          return ShuffleWriter.write(m.dependency(), task.partition(), Internals.rdd().iterator(rdd, split, context),
              env);
        }
        TaskFunction function = ((StagePayload.Result) payload).function();
        return function.apply(context, Internals.rdd().iterator(rdd, split, context));
      });
      return new TaskOutcome.Success(env.dataSerializer().serialize(result));
    } catch (FetchFailedException e) {
      return new TaskOutcome.FetchFailure(e.shuffleId(), e.mapId(), e.getMessage());
    } catch (Throwable t) {
      return new TaskOutcome.Failure(t);
    }
  }
}
