package io.sluice.internal.scheduler;

import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.Dependency;
import io.sluice.internal.rdd.NarrowDependency;
import io.sluice.internal.rdd.ShuffleDependency;
import io.sluice.internal.rdd.TaskFunction;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.shuffle.MapStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an action on an RDD into stages cut at shuffle boundaries and runs them parents first.
 * A job runs on the thread that called the action and blocks it until done; jobs from several
 * threads (concurrent streaming jobs) may run at once and share finished shuffle outputs. A task is
 * retried up to {@code maxFailures} times; a missing shuffle output is recomputed from lineage.
 */
public final class DAGScheduler {
  private static final Logger log = LoggerFactory.getLogger(DAGScheduler.class);

  private final ClusterBackend backend;
  private final MapOutputTracker mapOutputs;
  private final Serializer closureSerializer;
  private final Serializer dataSerializer;
  private final int maxFailures;
  private final AtomicInteger nextJobId = new AtomicInteger();
  private final AtomicInteger nextStageId = new AtomicInteger();
  /** One per shuffle while it is registered: jobs that need the same map outputs compute them once. */
  private final Map<Integer, Object> shuffleLocks = new ConcurrentHashMap<>();

  public DAGScheduler(ClusterBackend backend, MapOutputTracker mapOutputs, Serializer closureSerializer,
                      Serializer dataSerializer, int maxFailures) {
    this.backend = backend;
    this.mapOutputs = mapOutputs;
    this.closureSerializer = closureSerializer;
    this.dataSerializer = dataSerializer;
    this.maxFailures = maxFailures;
  }

  /**
   * Forgets a removed shuffle (a streaming batch's, once no remembered RDD needs it), or a long-running
   * application would keep one lock per shuffle it ever ran.
   */
  public void removeShuffle(int shuffleId) {
    shuffleLocks.remove(shuffleId);
  }

  /** How many shuffles this scheduler keeps state for: flat over a streaming run. */
  public int trackedShuffles() {
    return shuffleLocks.size();
  }

  /** Runs {@code function} over the given partitions of {@code rdd}; results in partition order. */
  public <T, U> List<U> runJob(RDD<T> rdd, TaskFunction<T, U> function, int[] partitions) {
    int jobId = nextJobId.incrementAndGet();
    long start = System.nanoTime();
    byte[] payload = serializePayload(new StagePayload.Result(rdd, function), rdd);
    StageRun stage = new StageRun(jobId, nextStageId.incrementAndGet(), rdd, payload, partitions);
    List<byte[]> raw = runStage(stage);
    List<U> results = new ArrayList<>(raw.size());
    for (byte[] r : raw) {
      results.add(dataSerializer.deserialize(r));
    }
    log.debug("Job {} finished: {} tasks of RDD {} in {} ms", jobId, partitions.length, rdd.id(),
        (System.nanoTime() - start) / 1_000_000);
    return results;
  }

  /** Serializes a stage's work, failing up front (not per task) when a user function cannot be shipped. */
  public byte[] serializePayload(StagePayload payload, RDD<?> rdd) {
    try {
      return closureSerializer.serialize(payload);
    } catch (SluiceException e) {
      throw new SluiceException("Task not serializable (RDD " + rdd + "): " + e.getMessage(), e);
    }
  }

  private List<byte[]> runStage(StageRun stage) {
    ensureParentShuffles(stage.rdd, stage.jobId);
    TaskSetRunner runner = new TaskSetRunner(backend, stage, maxFailures, this::shuffleInputs,
        failure -> recoverFromFetchFailure(failure, stage));
    return runner.run();
  }

  private void recoverFromFetchFailure(TaskOutcome.FetchFailure failure, StageRun stage) {
    log.warn("Stage {}: {}; recomputing the missing map output", stage.stageId, failure.message());
    mapOutputs.unregisterMapOutput(failure.shuffleId(), failure.mapId());
    ensureParentShuffles(stage.rdd, stage.jobId);
  }

  /** Makes sure every shuffle the stage of {@code rdd} reads has all its map outputs, running map stages as needed. */
  private void ensureParentShuffles(RDD<?> rdd, int jobId) {
    for (ShuffleDependency dep : parentShuffles(rdd)) {
      Object lock = shuffleLocks.computeIfAbsent(dep.shuffleId(), id -> new Object());
      synchronized (lock) {
        RDD<?> mapRdd = dep.rdd();
        mapOutputs.registerShuffle(dep.shuffleId(), mapRdd.getNumPartitions());
        int[] missing = mapOutputs.missingMaps(dep.shuffleId()).orElseThrow();
        if (missing.length == 0) {
          continue;
        }
        byte[] payload = serializePayload(new StagePayload.ShuffleMap(mapRdd, dep), mapRdd);
        StageRun mapStage = new StageRun(jobId, nextStageId.incrementAndGet(), mapRdd, payload, missing);
        List<byte[]> statuses = runStage(mapStage);
        for (int i = 0; i < missing.length; i++) {
          mapOutputs.registerMapOutput(dep.shuffleId(), missing[i], dataSerializer.deserialize(statuses.get(i)));
        }
      }
    }
  }

  /**
   * The shuffles read by the stage that computes {@code rdd}; also lists every partition on the way
   * (on the driver).
   */
  static List<ShuffleDependency> parentShuffles(RDD<?> rdd) {
    List<ShuffleDependency> found = new ArrayList<>();
    Set<RDD<?>> visited = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    List<RDD<?>> stack = new ArrayList<>(List.of(rdd));
    while (!stack.isEmpty()) {
      RDD<?> current = stack.remove(stack.size() - 1);
      if (!visited.add(current)) {
        continue;
      }
      Internals.rdd().partitions(current);
      for (Dependency dep : Internals.rdd().dependencies(current)) {
        if (dep instanceof ShuffleDependency shuffle) {
          found.add(shuffle);
        } else if (dep instanceof NarrowDependency narrow) {
          stack.add(narrow.rdd());
        }
      }
    }
    return found;
  }

  private Map<Integer, MapStatus[]> shuffleInputs(RDD<?> rdd) {
    Map<Integer, MapStatus[]> inputs = new HashMap<>();
    for (ShuffleDependency dep : parentShuffles(rdd)) {
      mapOutputs.statuses(dep.shuffleId()).ifPresent(s -> inputs.put(dep.shuffleId(), s));
    }
    return inputs;
  }

  /** One run of a stage's tasks over some of its partitions. */
  record StageRun(int jobId, int stageId, RDD<?> rdd, byte[] payload, int[] partitions) {}
}
