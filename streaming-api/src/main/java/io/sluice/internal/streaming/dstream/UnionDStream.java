package io.sluice.internal.streaming.dstream;

import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.UnionRDD;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The records of several streams with the same slide, batch by batch. */
public final class UnionDStream<T> extends DStream<T> {
  private static final long serialVersionUID = 1L;
  private final List<DStream<T>> parents;

  public UnionDStream(List<DStream<T>> parents) {
    super(DStreamOps.commonContext(parents, "union"));
    DStreamOps.checkSameSlide(parents, "union");
    this.parents = List.copyOf(parents);
  }

  @Override
  public Duration slideDuration() {
    return parents.get(0).slideDuration();
  }

  @Override
  protected List<DStream<?>> dependencies() {
    return List.copyOf(parents);
  }

  @Override
  protected Optional<RDD<T>> compute(Time validTime) {
    List<RDD<T>> rdds = new ArrayList<>(parents.size());
    for (DStream<T> parent : parents) {
      rdds.add(Internals.dstream().getOrCompute(parent, validTime).orElseThrow(() -> new SluiceException(
          "union: could not generate the RDD of " + parent + " at " + validTime)));
    }
    return Optional.of(new UnionRDD<>(context().sluiceContext(), rdds));
  }
}
