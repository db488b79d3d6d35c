package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the lineage of some RDDs holds on to: their shuffles (including those a checkpoint cut off
 * but that still belong to the checkpointed RDD) and their checkpoint directories. Driver only.
 */
public final class ShuffleLineage {
  private final Set<Integer> shuffles = new HashSet<>();
  private final Set<String> checkpointDirs = new HashSet<>();

  private ShuffleLineage() {}

  public static ShuffleLineage of(Collection<? extends RDD<?>> roots) {
    return walk(roots, true);
  }

  /**
   * The shuffles the lineage of {@code rdd} reaches directly, not those older checkpoints cut off
   * (each checkpointed RDD owns only the shuffles its own checkpoint cut, so ownership never chains).
   */
  public static Set<Integer> directShufflesOf(RDD<?> rdd) {
    return walk(List.of(rdd), false).shuffles;
  }

  private static ShuffleLineage walk(Collection<? extends RDD<?>> roots, boolean includeCut) {
    ShuffleLineage lineage = new ShuffleLineage();
    Set<RDD<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    List<RDD<?>> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      RDD<?> rdd = stack.remove(stack.size() - 1);
      if (!visited.add(rdd)) {
        continue;
      }
      if (rdd.isCheckpointed()) {
        lineage.checkpointDirs.add(Internals.rdd().checkpointState(rdd).directory());
      }
      if (includeCut) {
        lineage.shuffles.addAll(Internals.rdd().shufflesCutByCheckpoint(rdd));
      }
      for (Dependency dep : Internals.rdd().dependencies(rdd)) {
        if (dep instanceof ShuffleDependency shuffle) {
          lineage.shuffles.add(shuffle.shuffleId());
        }
        if (dep.rdd() != null) {
          stack.add(dep.rdd());
        }
      }
    }
    return lineage;
  }

  public Set<Integer> shuffles() {
    return shuffles;
  }

  public Set<String> checkpointDirs() {
    return checkpointDirs;
  }
}
