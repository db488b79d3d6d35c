package io.sluice.internal.streaming.scheduler;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.internal.rdd.Dependency;
import io.sluice.internal.rdd.ShuffleDependency;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the shuffle outputs of RDDs the streams have dropped, unless an RDD still remembered
 * reads them too (a window over a reduced stream, a state's lineage). Without this, every batch's
 * shuffle would stay in the block stores forever.
 */
public final class StreamingCleaner {
  private static final Logger log = LoggerFactory.getLogger(StreamingCleaner.class);

  private final SluiceContext sc;

  public StreamingCleaner(SluiceContext sc) {
    this.sc = sc;
  }

  public void afterClear(List<RDD<?>> dropped, List<RDD<?>> remembered) {
    if (dropped.isEmpty()) {
      return;
    }
    Set<Integer> candidates = shufflesOf(dropped);
    if (candidates.isEmpty()) {
      return;
    }
    candidates.removeAll(shufflesOf(remembered));
    for (int shuffleId : candidates) {
      sc.removeShuffle(shuffleId);
    }
    log.debug("Removed {} shuffles of dropped RDDs", candidates.size());
  }

  /** Every shuffle in the lineage of the RDDs (stopping at checkpoints, which have none). */
  static Set<Integer> shufflesOf(List<RDD<?>> roots) {
    Set<Integer> shuffles = new HashSet<>();
    Set<RDD<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    List<RDD<?>> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      RDD<?> rdd = stack.remove(stack.size() - 1);
      if (!visited.add(rdd)) {
        continue;
      }
      for (Dependency dep : rdd.dependencies()) {
        if (dep instanceof ShuffleDependency shuffle) {
          shuffles.add(shuffle.shuffleId());
        }
        if (dep.rdd() != null) {
          stack.add(dep.rdd());
        }
      }
    }
    return shuffles;
  }
}
