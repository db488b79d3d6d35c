package io.sluice.internal.scheduler;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.shuffle.MapStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks of one stage to completion: launches one per partition, relaunches failed ones
 * until a partition has failed {@code maxFailures} times, and then fails the stage with the last
 * error of that task as the cause. Lives on the job's thread; outcomes arrive through a queue.
 */
final class TaskSetRunner {
  private static final Logger log = LoggerFactory.getLogger(TaskSetRunner.class);
  private static final AtomicLong NEXT_TASK_ID = new AtomicLong();

  private record Completed(int slot, int attempt, TaskOutcome outcome) {}

  private final ClusterBackend backend;
  private final DAGScheduler.StageRun stage;
  private final int maxFailures;
  private final Function<RDD<?>, Map<Integer, MapStatus[]>> shuffleInputs;
  private final Consumer<TaskOutcome.FetchFailure> onFetchFailure;
  private final BlockingQueue<Completed> completed = new LinkedBlockingQueue<>();

  TaskSetRunner(ClusterBackend backend, DAGScheduler.StageRun stage, int maxFailures,
                Function<RDD<?>, Map<Integer, MapStatus[]>> shuffleInputs,
                Consumer<TaskOutcome.FetchFailure> onFetchFailure) {
    this.backend = backend;
    this.stage = stage;
    this.maxFailures = maxFailures;
    this.shuffleInputs = shuffleInputs;
    this.onFetchFailure = onFetchFailure;
  }

  List<byte[]> run() {
    int n = stage.partitions().length;
    byte[][] results = new byte[n][];
    int[] failures = new int[n];
    int[] attempts = new int[n];
    int fetchFailures = 0;
    Map<Integer, MapStatus[]> inputs = shuffleInputs.apply(stage.rdd());
    for (int slot = 0; slot < n; slot++) {
      launch(slot, 0, inputs);
    }
    int remaining = n;
    while (remaining > 0) {
      Completed done = take();
      TaskOutcome outcome = done.outcome();
      if (outcome instanceof TaskOutcome.Success s) {
        if (results[done.slot()] == null) {
          results[done.slot()] = s.result();
          remaining--;
        }
      } else if (outcome instanceof TaskOutcome.Failure f) {
        failures[done.slot()]++;
        if (failures[done.slot()] >= maxFailures) {
          throw taskFailed(done.slot(), failures[done.slot()], f.error());
        }
        log.warn("Lost {} (failure {} of {} allowed): {}", taskName(done.slot(), done.attempt()),
            failures[done.slot()], maxFailures, f.error().toString());
        launch(done.slot(), ++attempts[done.slot()], inputs);
      } else if (outcome instanceof TaskOutcome.FetchFailure ff) {
        if (++fetchFailures > maxFailures) {
          throw new SluiceException("Stage " + stage.stageId() + " (job " + stage.jobId() + ") failed: shuffle "
              + "output kept going missing (" + ff.message() + ")");
        }
        onFetchFailure.accept(ff);
        inputs = shuffleInputs.apply(stage.rdd());
        launch(done.slot(), ++attempts[done.slot()], inputs);
      } else if (outcome instanceof TaskOutcome.ExecutorLost lost) {
        log.warn("Executor {} lost while running {}; relaunching", lost.executorId(),
            taskName(done.slot(), done.attempt()));
        launch(done.slot(), ++attempts[done.slot()], inputs);
      }
    }
    return Arrays.asList(results);
  }

  private void launch(int slot, int attempt, Map<Integer, MapStatus[]> inputs) {
    int partition = stage.partitions()[slot];
    Partition split = Internals.rdd().partitions(stage.rdd())[partition];
    TaskDescription task = new TaskDescription(NEXT_TASK_ID.incrementAndGet(), stage.jobId(), stage.stageId(),
        partition, attempt, stage.payload(), inputs, Internals.rdd().preferredLocations(stage.rdd(), split));
    backend.launchTask(task, outcome -> completed.add(new Completed(slot, attempt, outcome)));
  }

  private Completed take() {
    try {
      return completed.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while waiting for stage " + stage.stageId() + " of job "
          + stage.jobId(), e);
    }
  }

  private SluiceException taskFailed(int slot, int failures, Throwable cause) {
    String message = "Job " + stage.jobId() + " aborted: task " + stage.partitions()[slot] + " of stage "
        + stage.stageId() + " (" + stage.rdd() + ") failed " + failures + " times; last failure: " + cause;
    return new SluiceException(message, cause);
  }

  private String taskName(int slot, int attempt) {
    return "task " + stage.partitions()[slot] + "." + attempt + " of stage " + stage.stageId();
  }
}
