package io.sluice.internal.kafka;

import io.sluice.kafka.CanCommitOffsets;
import io.sluice.kafka.OffsetRange;
import io.sluice.internal.streaming.dstream.InputHooks;
import io.sluice.streaming.Duration;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;

/**
 * What the two Kafka direct streams (of handler results, of pairs) do alike, as the graph and
 * users see them: everything goes to their {@link DirectKafkaSource}. The streams differ only in
 * their base class (InputDStream or PairInputDStream) and the RDD they make of a batch's ranges.
 */
interface DirectKafkaStream<K, V, R> extends InputHooks, CanCommitOffsets {
  DirectKafkaSource<K, V, R> source();

  StreamingContext context();

  String name();

  Duration slideDuration();

  @Override
  default void start() {
    source().start(context().sluiceContext().conf(), slideDuration().milliseconds(), name());
  }

  @Override
  default void stop() {
    source().stop();
  }

  @Override
  default OptionalLong recordsInBatch(Time time) {
    return source().recordsInBatch(time);
  }

  @Override
  default void updateRate(long recordsPerSecond) {
    source().updateRate(recordsPerSecond);
  }

  @Override
  default void commitAsync(OffsetRange[] offsetRanges) {
    source().commitAsync(offsetRanges, null);
  }

  @Override
  default void commitAsync(OffsetRange[] offsetRanges, OffsetCommitCallback callback) {
    source().commitAsync(offsetRanges, callback);
  }
}
