package io.sluice.internal.streaming.dstream;

import io.sluice.api.function.Function;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.internal.util.Unchecked;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;

/**
 * A stream whose RDD at each time is an RDD transformation of its parent's RDD at the same time:
 * map, filter, flatMap, reduceByKey, ... These differ only in the RDD operation, so one class
 * with the operation as a (serializable) function serves them all; the name says which it is.
 */
public final class DerivedDStream<T, R> extends DStream<R> {
  private static final long serialVersionUID = 1L;
  private final DStream<T> parent;
  private final String name;
  private final Function<RDD<T>, RDD<R>> perBatch;

  public DerivedDStream(DStream<T> parent, String name, Function<RDD<T>, RDD<R>> perBatch) {
    super(parent.context());
    this.parent = parent;
    this.name = name;
    this.perBatch = perBatch;
  }

  @Override
  public Duration slideDuration() {
    return parent.slideDuration();
  }

  @Override
  protected List<DStream<?>> dependencies() {
    return List.of(parent);
  }

  @Override
  protected Optional<RDD<R>> compute(Time validTime) {
    return Internals.dstream().getOrCompute(parent, validTime).map(rdd -> {
      try {
        return perBatch.call(rdd);
      } catch (Exception e) {
        throw Unchecked.rethrow(e);
      }
    });
  }

  @Override
  public String toString() {
    return name + "DStream";
  }
}
