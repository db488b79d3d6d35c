package io.sluice.internal.rdd;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.Partition;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.shuffle.ShuffleReader;
import io.sluice.internal.util.Iterators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups the values of several pair RDDs by key: for each key, one list of values per parent. A
 * parent already partitioned by the target partitioner is read in place (narrow); the others are
 * shuffled. This is what joins and, per batch, stateful streams are built on.
 */
public final class CoGroupedRDD<K> extends PairRDD<K, List<List<Object>>> {
  private static final long serialVersionUID = 1L;
  private final int numParents;
  private final Partitioner partitioner;

  record CoGroupPartition(int index, Partition[] narrowParents) implements Partition {}

  public CoGroupedRDD(List<RDD<? extends Tuple2<K, ?>>> parents, Partitioner partitioner) {
    super(parents.get(0).context());
    Internals.rdd().setDependencies(this, dependencies(parents, partitioner));
    this.numParents = parents.size();
    this.partitioner = partitioner;
  }

  private static <K> List<Dependency> dependencies(List<RDD<? extends Tuple2<K, ?>>> parents, Partitioner p) {
    List<Dependency> deps = new ArrayList<>();
    for (RDD<? extends Tuple2<K, ?>> parent : parents) {
      if (Internals.rdd().partitionerIfKnown(parent).filter(p::equals).isPresent()) {
        deps.add(new OneToOneDependency(parent));
      } else {
        deps.add(new ShuffleDependency(parent, Internals.context().newShuffleId(parent.context()), p, null, false));
      }
    }
    return deps;
  }

  @Override
  protected Partition[] computePartitions() {
    Partition[] parts = new Partition[partitioner.numPartitions()];
    for (int i = 0; i < parts.length; i++) {
      Partition[] narrow = new Partition[numParents];
      for (int d = 0; d < numParents; d++) {
        if (Internals.rdd().dependencies(this).get(d) instanceof OneToOneDependency) {
          narrow[d] = Internals.rdd().partitions(parent(d))[i];
        }
      }
      parts[i] = new CoGroupPartition(i, narrow);
    }
    return parts;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Iterator<Tuple2<K, List<List<Object>>>> compute(Partition split, TaskContext task) throws Exception {
    TaskContextImpl context = (TaskContextImpl) task;
    CoGroupPartition part = (CoGroupPartition) split;
    int n = numParents;
    Map<K, List<List<Object>>> groups = new HashMap<>();
    for (int d = 0; d < n; d++) {
      Iterator<?> records = Internals.rdd().dependencies(this).get(d) instanceof ShuffleDependency shuffle
          ? ShuffleReader.fetch(shuffle, split.index(), context)
          : Internals.rdd().iterator(parent(d), part.narrowParents()[d], context);
      while (records.hasNext()) {
        Tuple2<K, ?> record = (Tuple2<K, ?>) records.next();
        groups.computeIfAbsent(record._1(), k -> emptyGroups(n)).get(d).add(record._2());
      }
    }
    return Iterators.map(groups.entrySet().iterator(), e -> new Tuple2<>(e.getKey(), e.getValue()));
  }

  private static List<List<Object>> emptyGroups(int n) {
    List<List<Object>> lists = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lists.add(new ArrayList<>(2));
    }
    return lists;
  }

  @Override
  protected Optional<Partitioner> knownPartitioner() {
    return Optional.of(partitioner);
  }
}
