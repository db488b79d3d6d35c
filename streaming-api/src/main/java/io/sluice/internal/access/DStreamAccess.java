package io.sluice.internal.access;

import io.sluice.core.RDD;
import io.sluice.core.StorageLevel;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine-only members of {@link DStream}: generating one RDD per valid time, remembering RDDs
 * as long as a window, state or {@code remember()} needs them, checkpointing. See {@link Internals}.
 * Called on the driver's job-generation thread.
 */
public interface DStreamAccess {
  /** The RDD of the stream at {@code time}: generated once, then served from memory while remembered. */
  <T> Optional<RDD<T>> getOrCompute(DStream<T> stream, Time time);

  /** The streams this one is computed from. */
  List<DStream<?>> dependencies(DStream<?> stream);

  /** Sets the zero time (the batch before the first) and the defaults for checkpointing and remembering. */
  void initialize(DStream<?> stream, Time zero);

  /** Keeps generated RDDs for at least {@code duration}; parents keep theirs as long as the stream needs. */
  void remember(DStream<?> stream, Duration duration);

  /** Checks the settings that are only known at start; fails with what is wrong. */
  void validateAtStart(DStream<?> stream);

  /** Drops the RDDs no longer remembered at {@code time}, here and in the parents; returns them. */
  List<RDD<?>> clearMetadata(DStream<?> stream, Time time);

  /** Records which remembered RDDs are saved as RDD checkpoints; called before each metadata checkpoint. */
  void updateCheckpointData(DStream<?> stream);

  /** After deserialization from a checkpoint: rebinds the context and reads back the saved RDDs. */
  void restoreFromCheckpoint(DStream<?> stream, StreamingContext context);

  /** A snapshot of the RDDs the stream currently remembers, by time. */
  <T> Map<Time, RDD<T>> generatedRdds(DStream<T> stream);

  Time zeroTime(DStream<?> stream);

  Duration rememberDuration(DStream<?> stream);

  StorageLevel storageLevel(DStream<?> stream);

  Optional<Duration> checkpointInterval(DStream<?> stream);

  /** How the graph sees an input stream (InputDStream or PairInputDStream); empty for other streams. */
  Optional<InputSource> inputSource(DStream<?> stream);
}
