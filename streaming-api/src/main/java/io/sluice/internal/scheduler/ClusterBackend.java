package io.sluice.internal.scheduler;

import io.sluice.internal.storage.BlockId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where tasks run. The driver does not care whether executors are threads ({@code local[N]}),
 * child processes ({@code local-cluster}) or YARN containers: it launches tasks and hears how they ended.
 * Implementations are thread-safe.
 */
public interface ClusterBackend extends AutoCloseable {

  /** Task slots (cores) across all executors currently registered. */
  int totalCores();

  /** Runs the task on some executor; {@code onDone} is called exactly once, on any thread. */
  void launchTask(TaskDescription task, Consumer<TaskOutcome> onDone);

  /** Ids of the executors alive now (in {@code local[N]}: the driver's own, "driver"). */
  default List<String> executorIds() {
    return List.of("driver");
  }

  /** Each live executor's id and where it listens ("host:port"), for the web UI; "in-process" for threads. */
  default Map<String, String> executorHostPorts() {
    Map<String, String> addresses = new TreeMap<>();
    executorIds().forEach(id -> addresses.put(id, "in-process"));
    return addresses;
  }

  /**
   * From now on tells {@code listener} of every executor added or lost, starting with those alive now
   * (announced before any later change, so the listener never misses or reorders one). The default
   * fits backends whose executors never change ({@code local[N]}).
   */
  default void addExecutorListener(ExecutorListener listener) {
    int cores = totalCores();
    executorHostPorts().forEach((id, address) -> listener.executorAdded(id, address, cores));
  }

  /** Executors holding a copy of a received block or cached partition, first-stored first. */
  default List<String> blockLocations(BlockId block) {
    return List.of();
  }

  /** Every received block and cached partition held by some executor (the driver's store aside). */
  default java.util.Set<BlockId> trackedBlocks() {
    return java.util.Set.of();
  }

  /** Bytes in memory in each executor process's block store, as last reported; empty for in-process executors. */
  default Map<String, Long> executorBlockMemoryBytes() {
    return Map.of();
  }

  /** Removes blocks from every executor's store (the driver's own store is the caller's business). */
  default void removeBlocks(Collection<? extends BlockId> blocks) {}

  default void removeRdd(int rddId) {}

  default void removeShuffle(int shuffleId) {}

  /** Stops every executor; tasks still running are abandoned. */
  @Override
  void close();
}
