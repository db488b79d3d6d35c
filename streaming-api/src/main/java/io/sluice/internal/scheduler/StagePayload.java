package io.sluice.internal.scheduler;

import io.sluice.core.RDD;
import io.sluice.internal.rdd.ShuffleDependency;
import io.sluice.internal.rdd.TaskFunction;
import java.io.Serializable;

/** What every task of a stage runs, serialized once per stage and shipped with each task. */
public sealed interface StagePayload extends Serializable {
  RDD<?> rdd();

  /** Computes a partition and applies the job's function to it; the result goes back to the driver. */
  record Result(RDD<?> rdd, TaskFunction<?, ?> function) implements StagePayload {}

  /** Computes a partition and writes it as shuffle buckets for the next stage. */
  record ShuffleMap(RDD<?> rdd, ShuffleDependency dependency) implements StagePayload {}
}
