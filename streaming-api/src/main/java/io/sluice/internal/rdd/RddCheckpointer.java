package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.internal.io.CheckpointFiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * After a job, saves every RDD in its lineage whose checkpoint was requested and cuts the lineage
 * there. Runs on the driver, on the thread that ran the job.
 */
public final class RddCheckpointer {
  private RddCheckpointer() {}

  public static void afterJob(RDD<?> finalRdd) {
    for (RDD<?> rdd : requested(finalRdd)) {
      synchronized (Internals.rdd().checkpointState(rdd)) {
        if (Internals.rdd().checkpointState(rdd).isRequested()) {
          String dir = CheckpointFiles.writeRdd(rdd, rdd.context().checkpointDir().orElseThrow());
          Internals.rdd().markCheckpointed(rdd, dir);
        }
      }
    }
  }

  private static List<RDD<?>> requested(RDD<?> root) {
    List<RDD<?>> found = new ArrayList<>();
    Set<RDD<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    List<RDD<?>> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      RDD<?> rdd = stack.remove(stack.size() - 1);
      if (!visited.add(rdd) || rdd.isCheckpointed()) {
        continue;
      }
      if (Internals.rdd().checkpointState(rdd).isRequested()) {
        found.add(rdd);
      }
      for (Dependency dep : Internals.rdd().dependencies(rdd)) {
        if (dep.rdd() != null) {
          stack.add(dep.rdd());
        }
      }
    }
    return found;
  }
}
