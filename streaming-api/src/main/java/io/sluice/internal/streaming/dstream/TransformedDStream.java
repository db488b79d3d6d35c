package io.sluice.internal.streaming.dstream;

import io.sluice.api.function.Function2;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.util.Unchecked;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Applies a user function to the RDDs of one or more streams at each time (transform, transformWith). */
public final class TransformedDStream<R> extends DStream<R> {
  private static final long serialVersionUID = 1L;
  private final List<DStream<?>> parents;
  private final Function2<List<RDD<?>>, Time, RDD<R>> transform;

  public TransformedDStream(List<? extends DStream<?>> parents, Function2<List<RDD<?>>, Time, RDD<R>> transform) {
    super(DStreamOps.commonContext(parents, "transform"));
    DStreamOps.checkSameSlide(parents, "transform");
    this.parents = List.copyOf(parents);
    this.transform = transform;
  }

  @Override
  public Duration slideDuration() {
    return parents.get(0).slideDuration();
  }

  @Override
  protected List<DStream<?>> dependencies() {
    return parents;
  }

  @Override
  protected Optional<RDD<R>> compute(Time validTime) {
    List<RDD<?>> rdds = new ArrayList<>(parents.size());
    for (DStream<?> parent : parents) {
      rdds.add(Internals.dstream().getOrCompute(parent, validTime).orElseThrow(() -> new SluiceException(
          "transform: could not generate the RDD of " + parent + " at " + validTime)));
    }
    RDD<R> result;
    try {
      result = transform.call(rdds, validTime);
    } catch (Exception e) {
      throw Unchecked.rethrow(e);
    }
    if (result == null) {
      throw new SluiceException("The function passed to transform returned null at " + validTime
          + "; return an RDD (e.g. an empty one) instead");
    }
    return Optional.of(result);
  }
}
