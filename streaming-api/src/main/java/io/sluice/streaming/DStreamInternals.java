package io.sluice.streaming;

import io.sluice.core.RDD;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.DStreamAccess;
import io.sluice.internal.access.Internals;
import io.sluice.internal.streaming.dstream.InputSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the engine-only (package-private) members of {@link DStream} to the engine, through
 * {@link Internals#dstream()}; installed by DStream's static initializer.
 */
final class DStreamInternals implements DStreamAccess {
  @Override
  public <T> Optional<RDD<T>> getOrCompute(DStream<T> stream, Time time) {
    return stream.getOrCompute(time);
  }

  @Override
  public List<DStream<?>> dependencies(DStream<?> stream) {
    return stream.dependencies();
  }

  @Override
  public void initialize(DStream<?> stream, Time zero) {
    stream.initialize(zero);
  }

  @Override
  public void remember(DStream<?> stream, Duration duration) {
    stream.remember(duration);
  }

  @Override
  public void validateAtStart(DStream<?> stream) {
    stream.validateAtStart();
  }

  @Override
  public List<RDD<?>> clearMetadata(DStream<?> stream, Time time) {
    return stream.clearMetadata(time);
  }

  @Override
  public void updateCheckpointData(DStream<?> stream) {
    stream.updateCheckpointData();
  }

  @Override
  public void restoreFromCheckpoint(DStream<?> stream, StreamingContext context) {
    stream.restoreFromCheckpoint(context);
  }

  @Override
  public <T> Map<Time, RDD<T>> generatedRdds(DStream<T> stream) {
    return stream.generatedRdds();
  }

  @Override
  public Time zeroTime(DStream<?> stream) {
    return stream.zeroTime();
  }

  @Override
  public Duration rememberDuration(DStream<?> stream) {
    return stream.rememberDuration();
  }

  @Override
  public StorageLevel storageLevel(DStream<?> stream) {
    return stream.storageLevel();
  }

  @Override
  public Optional<Duration> checkpointInterval(DStream<?> stream) {
    return stream.checkpointInterval();
  }

  @Override
  public Optional<InputSource> inputSource(DStream<?> stream) {
    if (stream instanceof InputDStream<?> input) {
      return Optional.of(input.source());
    }
    return stream instanceof PairInputDStream<?, ?> pairs ? Optional.of(pairs.source()) : Optional.empty();
  }
}
