package io.sluice.internal.access;

import io.sluice.core.Partition;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.rdd.Dependency;
import io.sluice.internal.rdd.RddCheckpoint;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The engine-only members of {@link RDD}; see {@link Internals}. */
public interface RddAccess {
  List<Dependency> dependencies(RDD<?> rdd);

  /**
   * Sets the lineage of an RDD made by the engine, from its constructor right after {@code super(...)}
   * (the public constructors only know one-to-one parents).
   */
  void setDependencies(RDD<?> rdd, List<Dependency> dependencies);

  /** The partitions, computed once on the driver. */
  Partition[] partitions(RDD<?> rdd);

  /**
   * Reads a partition in a task (whose context is a {@link TaskContextImpl}): from the block store
   * when persisted, else computes it.
   */
  <T> Iterator<T> iterator(RDD<T> rdd, Partition split, TaskContext context) throws Exception;

  Optional<Partitioner> partitionerIfKnown(RDD<?> rdd);

  /** Executors (ids) where a partition's data already is, best first. */
  List<String> preferredLocations(RDD<?> rdd, Partition split);

  RddCheckpoint checkpointState(RDD<?> rdd);

  /** The partitions are saved under {@code directory}; the RDD forgets its lineage. */
  void markCheckpointed(RDD<?> rdd, String directory);

  /** Shuffles that were in the lineage before a checkpoint cut it (driver only). */
  Set<Integer> shufflesCutByCheckpoint(RDD<?> rdd);
}
