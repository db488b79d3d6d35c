package io.sluice.internal.kafka;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.kafka.CanCommitOffsets;
import io.sluice.kafka.OffsetRange;
import io.sluice.streaming.PairInputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;

/** A Kafka direct stream of (key, value) pairs: each batch is a {@link KafkaPairRDD} over the batch's offset ranges. */
public final class DirectKafkaPairInputDStream<K, V> extends PairInputDStream<K, V> implements CanCommitOffsets {
  private final DirectKafkaSource<K, V, Tuple2<K, V>> source;

  DirectKafkaPairInputDStream(StreamingContext ssc, DirectKafkaSource<K, V, Tuple2<K, V>> source) {
    super(ssc);
    this.source = source;
  }

  @Override
  public String name() {
    return "kafkaDirectStream-" + inputId() + "(" + source.describe() + ")";
  }

  @Override
  public void start() {
    source.start(ssc().sluiceContext().conf(), slideDuration().milliseconds(), name());
  }

  @Override
  public void stop() {
    source.stop();
  }

  @Override
  public Optional<RDD<Tuple2<K, V>>> compute(Time validTime) {
    return Optional.of(new KafkaPairRDD<>(ssc().sluiceContext(), source.rangesFor(validTime)));
  }

  @Override
  public OptionalLong recordsInBatch(Time time) {
    return source.recordsInBatch(time);
  }

  @Override
  public void updateRate(long recordsPerSecond) {
    source.updateRate(recordsPerSecond);
  }

  @Override
  public List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped = super.clearMetadata(time);
    source.forgetBatchesUpTo(time.minus(rememberDuration()));
    return dropped;
  }

  @Override
  public void commitAsync(OffsetRange[] offsetRanges) {
    source.commitAsync(offsetRanges, null);
  }

  @Override
  public void commitAsync(OffsetRange[] offsetRanges, OffsetCommitCallback callback) {
    source.commitAsync(offsetRanges, callback);
  }
}
