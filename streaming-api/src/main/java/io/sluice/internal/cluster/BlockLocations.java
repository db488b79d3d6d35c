package io.sluice.internal.cluster;

import io.sluice.internal.storage.BlockId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's map of which executors hold a copy of each tracked block (received blocks, cached
 * RDD partitions), fed by the executors' reports. Used to place tasks next to their data and to
 * find a replica when an executor is gone. Thread-safe.
 */
final class BlockLocations {
  private final Map<BlockId, Set<String>> holders = new ConcurrentHashMap<>();

  void update(String executorId, BlockId block, boolean present) {
    if (present) {
      holders.compute(block, (id, set) -> {
        Set<String> next = set == null ? new LinkedHashSet<>() : new LinkedHashSet<>(set);
        next.add(executorId);
        return next;
      });
    } else {
      holders.computeIfPresent(block, (id, set) -> {
        Set<String> next = new LinkedHashSet<>(set);
        next.remove(executorId);
        return next.isEmpty() ? null : next;
      });
    }
  }

  /** Executors holding the block, in the order they reported it (the first is where it was stored). */
  List<String> holders(BlockId block) {
    Set<String> set = holders.get(block);
    return set == null ? List.of() : List.copyOf(set);
  }

  void forget(BlockId block) {
    holders.remove(block);
  }

  void forgetRdd(int rddId) {
    holders.keySet().removeIf(id -> id instanceof BlockId.RddBlock r && r.rddId() == rddId);
  }

  /** An executor is gone: none of its copies exist any more. */
  void removeExecutor(String executorId) {
    for (BlockId block : List.copyOf(holders.keySet())) {
      update(executorId, block, false);
    }
  }

  Set<BlockId> blocks() {
    return Set.copyOf(holders.keySet());
  }
}
