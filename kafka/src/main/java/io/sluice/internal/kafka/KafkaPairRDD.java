package io.sluice.internal.kafka;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.Partition;
import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.kafka.HasOffsetRanges;
import io.sluice.kafka.OffsetRange;
import java.util.Iterator;
import java.util.List;

/** The (key, value) pairs of given offset ranges, one RDD partition per range. */
public final class KafkaPairRDD<K, V> extends PairRDD<K, V> implements HasOffsetRanges {
  private static final long serialVersionUID = 1L;
  private final KafkaRangeSource<K, V, Tuple2<K, V>> source;

  KafkaPairRDD(SluiceContext sc, KafkaRangeSource<K, V, Tuple2<K, V>> source) {
    super(sc);
    this.source = source;
  }

  @Override
  public OffsetRange[] offsetRanges() {
    return source.offsetRanges();
  }

  @Override
  protected Partition[] computePartitions() {
    return source.partitions();
  }

  @Override
  protected Iterator<Tuple2<K, V>> compute(Partition split, TaskContext context) {
    return source.read(split, (TaskContextImpl) context);
  }

  @Override
  public String toString() {
    return "KafkaPairRDD[" + id() + "] " + source.count() + " offsets";
  }
}
