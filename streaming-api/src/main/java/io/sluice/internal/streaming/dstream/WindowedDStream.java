package io.sluice.internal.streaming.dstream;

import io.sluice.core.RDD;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.UnionRDD;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;

/**
 * Every slide, the union of the parent's RDDs in the last window length. The first windows
 * contain only the batches that exist. The parent is persisted so each batch is computed once
 * however many windows include it.
 */
public final class WindowedDStream<T> extends DStream<T> {
  private static final long serialVersionUID = 1L;
  private final DStream<T> parent;
  private final Duration windowLength;
  private final Duration slide;

  public WindowedDStream(DStream<T> parent, Duration windowLength, Duration slide) {
    super(parent.context());
    DStreamOps.checkWindow(parent, windowLength, slide);
    this.parent = parent;
    this.windowLength = windowLength;
    this.slide = slide;
    if (Internals.dstream().storageLevel(parent) == StorageLevel.NONE) {
      parent.persist(StorageLevel.MEMORY_ONLY_SER);
    }
  }

  public Duration windowLength() {
    return windowLength;
  }

  @Override
  public Duration slideDuration() {
    return slide;
  }

  @Override
  protected List<DStream<?>> dependencies() {
    return List.of(parent);
  }

  @Override
  protected Duration parentRememberDuration() {
    return Internals.dstream().rememberDuration(this).plus(windowLength);
  }

  @Override
  protected Optional<RDD<T>> compute(Time validTime) {
    Time from = validTime.minus(windowLength).plus(parent.slideDuration());
    List<RDD<T>> inWindow = parent.slice(from, validTime);
    return Optional.of(new UnionRDD<>(context().sluiceContext(), inWindow));
  }
}
