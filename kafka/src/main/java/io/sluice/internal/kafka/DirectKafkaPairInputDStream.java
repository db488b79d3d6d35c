package io.sluice.internal.kafka;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.PairInputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;

/** A Kafka direct stream of (key, value) pairs: each batch is a {@link KafkaPairRDD} over the batch's offset ranges. */
public final class DirectKafkaPairInputDStream<K, V> extends PairInputDStream<K, V>
    implements DirectKafkaStream<K, V, Tuple2<K, V>> {
  private static final long serialVersionUID = 1L;
  private final DirectKafkaSource<K, V, Tuple2<K, V>> source;

  DirectKafkaPairInputDStream(StreamingContext ssc, DirectKafkaSource<K, V, Tuple2<K, V>> source) {
    super(ssc);
    this.source = source;
  }

  @Override
  public DirectKafkaSource<K, V, Tuple2<K, V>> source() {
    return source;
  }

  @Override
  public String name() {
    return "kafkaDirectStream-" + inputId() + "(" + source.describe() + ")";
  }

  @Override
  protected Optional<RDD<Tuple2<K, V>>> compute(Time validTime) {
    return Optional.of(new KafkaPairRDD<>(context().sluiceContext(), source.rangesFor(validTime)));
  }

  @Override
  protected List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped = super.clearMetadata(time);
    source.forgetBatchesUpTo(time.minus(Internals.dstream().rememberDuration(this)));
    return dropped;
  }
}
