package io.sluice.internal.rdd;

import io.sluice.core.Partitioner;
import io.sluice.core.RDD;

/**
 * The child needs every parent partition, regrouped by key: a stage boundary. Map tasks of the
 * parent write one bucket per reduce partition; reduce tasks fetch their bucket from every map.
 * The parent is transient: reduce tasks only fetch shuffle output, so they must not drag the
 * parent's lineage along when serialized.
 */
public final class ShuffleDependency implements Dependency {
  private static final long serialVersionUID = 1L;
  private final transient RDD<?> rdd;
  private final int shuffleId;
  private final Partitioner partitioner;
  private final Aggregator<?, ?> aggregator;
  private final boolean mapSideCombine;

  /** @param aggregator null when values are only regrouped (groupByKey, repartition, cogroup) */
  public ShuffleDependency(RDD<?> rdd, int shuffleId, Partitioner partitioner, Aggregator<?, ?> aggregator,
                           boolean mapSideCombine) {
    this.rdd = rdd;
    this.shuffleId = shuffleId;
    this.partitioner = partitioner;
    this.aggregator = aggregator;
    this.mapSideCombine = mapSideCombine && aggregator != null;
  }

  @Override
  public RDD<?> rdd() {
    return rdd;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public Partitioner partitioner() {
    return partitioner;
  }

  public Aggregator<?, ?> aggregator() {
    return aggregator;
  }

  public boolean mapSideCombine() {
    return mapSideCombine;
  }
}
