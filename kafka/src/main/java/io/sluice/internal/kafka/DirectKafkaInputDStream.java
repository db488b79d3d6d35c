package io.sluice.internal.kafka;

import io.sluice.core.RDD;
import io.sluice.kafka.CanCommitOffsets;
import io.sluice.kafka.OffsetRange;
import io.sluice.streaming.InputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;

/** A Kafka direct stream of handler results: each batch is a {@link KafkaRDD} over the batch's offset ranges. */
public final class DirectKafkaInputDStream<K, V, R> extends InputDStream<R> implements CanCommitOffsets {
  private final DirectKafkaSource<K, V, R> source;

  DirectKafkaInputDStream(StreamingContext ssc, DirectKafkaSource<K, V, R> source) {
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
  public Optional<RDD<R>> compute(Time validTime) {
    return Optional.of(new KafkaRDD<>(ssc().sluiceContext(), source.rangesFor(validTime)));
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
