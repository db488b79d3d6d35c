package io.sluice.internal.kafka;

import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.InputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;

/** A Kafka direct stream of handler results: each batch is a {@link KafkaRDD} over the batch's offset ranges. */
public final class DirectKafkaInputDStream<K, V, R> extends InputDStream<R> implements DirectKafkaStream<K, V, R> {
  private static final long serialVersionUID = 1L;
  private final DirectKafkaSource<K, V, R> source;

  DirectKafkaInputDStream(StreamingContext ssc, DirectKafkaSource<K, V, R> source) {
    super(ssc);
    this.source = source;
  }

  @Override
  public DirectKafkaSource<K, V, R> source() {
    return source;
  }

  @Override
  public String name() {
    return "kafkaDirectStream-" + inputId() + "(" + source.describe() + ")";
  }

  @Override
  protected Optional<RDD<R>> compute(Time validTime) {
    return Optional.of(new KafkaRDD<>(context().sluiceContext(), source.rangesFor(validTime)));
  }

  @Override
  protected List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped = super.clearMetadata(time);
    source.forgetBatchesUpTo(time.minus(Internals.dstream().rememberDuration(this)));
    return dropped;
  }
}
