package io.sluice.internal.kafka;

import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.kafka.HasOffsetRanges;
import io.sluice.kafka.OffsetRange;
import java.util.Iterator;
import java.util.List;

/** The records of given offset ranges, one RDD partition per range, each turned into an element by a handler. */
public final class KafkaRDD<K, V, R> extends RDD<R> implements HasOffsetRanges {
  private static final long serialVersionUID = 1L;
  private final KafkaRangeSource<K, V, R> source;

  KafkaRDD(SluiceContext sc, KafkaRangeSource<K, V, R> source) {
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
  protected Iterator<R> compute(Partition split, TaskContext context) {
    return source.read(split, (TaskContextImpl) context);
  }

  @Override
  public String toString() {
    return "KafkaRDD[" + id() + "] " + source.count() + " offsets";
  }
}
