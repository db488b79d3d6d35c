package io.sluice.internal.streaming.dstream;

import io.sluice.api.Tuple2;
import io.sluice.api.function.Function2;
import io.sluice.core.PairRDD;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.CoGroupedRDD;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * updateStateByKey: the state at time t is the state at t - slide updated with the batch at t.
 * The update function runs for every key that has state or new values; an empty result removes
 * the key. The state keeps its partitioner, so the next batch joins it without a shuffle.
 */
public final class StateDStream<K, V, S> extends PairDStream<K, S> {
  private static final long serialVersionUID = 1L;
  private final PairDStream<K, V> parent;
  private final Function2<List<V>, Optional<S>, Optional<S>> update;
  private final Partitioner partitioner;
  private final transient PairRDD<K, S> initialState;

  public StateDStream(PairDStream<K, V> parent, Function2<List<V>, Optional<S>, Optional<S>> update,
                      Partitioner partitioner, PairRDD<K, S> initialState) {
    super(parent.context());
    this.parent = parent;
    this.update = update;
    this.partitioner = partitioner;
    this.initialState = initialState;
    persist(StorageLevel.MEMORY_ONLY_SER);
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
  protected boolean mustCheckpoint() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Optional<RDD<Tuple2<K, S>>> compute(Time validTime) {
    Optional<RDD<Tuple2<K, S>>> previous = Internals.dstream().getOrCompute(this, validTime.minus(slideDuration()));
    if (previous.isEmpty() && initialState != null) {
      previous = Optional.of(initialState);
    }
    Optional<RDD<Tuple2<K, V>>> batch = Internals.dstream().getOrCompute(parent, validTime);
    if (previous.isEmpty() && batch.isEmpty()) {
      return Optional.empty();
    }
    List<RDD<? extends Tuple2<K, ?>>> inputs = new ArrayList<>(2);
    inputs.add(batch.orElseGet(() -> context().sluiceContext().emptyRDD()));
    previous.ifPresent(inputs::add);
    Function2<List<V>, Optional<S>, Optional<S>> f = update;
    PairRDD<K, List<List<Object>>> grouped = new CoGroupedRDD<>(inputs, partitioner);
    return Optional.of(PairRDD.fromRDD(grouped.flatMapValues(groups -> {
      List<V> values = (List<V>) (List<?>) groups.get(0);
      Optional<S> state = groups.size() > 1 && !groups.get(1).isEmpty()
          ? Optional.ofNullable((S) groups.get(1).get(0)) : Optional.empty();
      Optional<S> next = f.call(Collections.unmodifiableList(values), state);
      return next == null || next.isEmpty() ? Collections.<S>emptyIterator() : List.of(next.get()).iterator();
    })));
  }
}
