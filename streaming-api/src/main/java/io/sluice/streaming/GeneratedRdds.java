package io.sluice.streaming;

import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.BlockRDD;
import io.sluice.internal.rdd.RecoveredCheckpointRDD;
import io.sluice.internal.rdd.WalBackedBlockRDD;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The RDDs one {@link DStream} generated, by batch time, and which of them are saved as RDD
 * checkpoints (what a recovered driver reads back). Not thread-safe: the stream calls it under its
 * own lock.
 */
final class GeneratedRdds<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  // Transient because RDDs belong to one run of the driver; null after deserialization.
  private transient TreeMap<Time, RDD<T>> byTime;
  private TreeMap<Time, SavedRdd> saved = new TreeMap<>();

  /** Where an RDD of the stream was saved, and how it was partitioned. */
  private record SavedRdd(String directory, int numPartitions, Partitioner partitioner) implements Serializable {}

  RDD<T> get(Time time) {
    return byTime().get(time);
  }

  void put(Time time, RDD<T> rdd) {
    byTime().put(time, rdd);
  }

  Map<Time, RDD<T>> snapshot() {
    return Map.copyOf(byTime());
  }

  /** Forgets the RDDs generated at or before {@code cutoff}: unpersists them, removes received blocks, returns them. */
  List<RDD<?>> dropUpTo(Time cutoff) {
    List<RDD<?>> dropped = new ArrayList<>();
    var old = byTime().headMap(cutoff, true);
    for (RDD<T> rdd : old.values()) {
      if (rdd.getStorageLevel() != StorageLevel.NONE) {
        rdd.unpersist();
      }
      if (rdd instanceof BlockRDD<?> blocks) {
        blocks.removeBlocks();
      } else if (rdd instanceof WalBackedBlockRDD<?> logged) {
        logged.removeBlocks();
      }
      dropped.add(rdd);
    }
    old.clear();
    return dropped;
  }

  /** Records which of the remembered RDDs are saved as RDD checkpoints. */
  void recordCheckpointed() {
    TreeMap<Time, SavedRdd> checkpointed = new TreeMap<>();
    byTime().forEach((time, rdd) -> {
      if (rdd.isCheckpointed()) {
        checkpointed.put(time, new SavedRdd(Internals.rdd().checkpointState(rdd).directory(), rdd.getNumPartitions(),
            Internals.rdd().partitionerIfKnown(rdd).orElse(null)));
      }
    });
    saved = checkpointed;
  }

  /** After recovery: the remembered RDDs become the saved ones, read back through {@code sc}; returns their times. */
  SortedSet<Time> restore(SluiceContext sc) {
    byTime = new TreeMap<>();
    if (saved == null) {
      saved = new TreeMap<>();
    }
    saved.forEach((time, rdd) -> byTime.put(time, new RecoveredCheckpointRDD<>(sc, rdd.directory(),
        rdd.numPartitions(), rdd.partitioner())));
    return new TreeSet<>(saved.keySet());
  }

  private TreeMap<Time, RDD<T>> byTime() {
    if (byTime == null) {
      byTime = new TreeMap<>();
    }
    return byTime;
  }
}
