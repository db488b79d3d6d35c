package io.sluice.internal.streaming.dstream;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;

/** Gives a stream of pairs the key-value operations; its RDDs are the parent's, viewed as pairs. */
public final class PairDStreamView<K, V> extends PairDStream<K, V> {
  private static final long serialVersionUID = 1L;
  private final DStream<Tuple2<K, V>> parent;

  public PairDStreamView(DStream<Tuple2<K, V>> parent) {
    super(parent.context());
    this.parent = parent;
  }

  @Override
  public Duration slideDuration() {
    return parent.slideDuration();
  }

  @Override
  protected List<DStream<?>> dependencies() {
    return List.of(parent);
  }

  @Override
  protected Optional<RDD<Tuple2<K, V>>> compute(Time validTime) {
    return Internals.dstream().getOrCompute(parent, validTime).map(PairRDD::fromRDD);
  }

  @Override
  public String toString() {
    return parent.toString();
  }
}
