package io.sluice.internal.streaming.dstream;

import io.sluice.api.Tuple2;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import io.sluice.core.PairRDD;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.CoGroupedRDD;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * reduceByKeyAndWindow with an inverse function. The window at time t is computed from the window
 * at t - slide: the per-batch reduced values of the batches that left the window are removed with
 * {@code invF}, those that entered are added with {@code f}. Keys whose value returns to the
 * "zero" stay until {@code filterF} drops them. Each window depends on the previous one, so the
 * stream is checkpointed to keep the lineage short.
 *
 * <pre>
 *   |&lt;----- previous window -----&gt;|
 *                |&lt;------ current window ------&gt;|
 *   |-- old ----|------------------|---- new ----|
 * </pre>
 */
public final class ReducedWindowedDStream<K, V> extends PairDStream<K, V> {
  private static final long serialVersionUID = 1L;
  private final PairDStream<K, V> reduced;
  private final Duration parentSlide;
  private final Function2<V, V, V> f;
  private final Function2<V, V, V> invF;
  private final Function<Tuple2<K, V>, Boolean> filterF;
  private final Duration windowLength;
  private final Duration slide;
  private final Partitioner partitioner;

  public ReducedWindowedDStream(PairDStream<K, V> parent, Function2<V, V, V> f, Function2<V, V, V> invF,
                                Function<Tuple2<K, V>, Boolean> filterF, Duration windowLength, Duration slide,
                                Partitioner partitioner) {
    super(parent.context());
    DStreamOps.checkWindow(parent, windowLength, slide);
    this.reduced = parent.reduceByKey(f, partitioner);
    this.parentSlide = parent.slideDuration();
    this.f = f;
    this.invF = invF;
    this.filterF = filterF;
    this.windowLength = windowLength;
    this.slide = slide;
    this.partitioner = partitioner;
    reduced.persist(StorageLevel.MEMORY_ONLY_SER);
    persist(StorageLevel.MEMORY_ONLY_SER);
  }

  @Override
  public Duration slideDuration() {
    return slide;
  }

  @Override
  protected List<DStream<?>> dependencies() {
    return List.of(reduced);
  }

  @Override
  protected Duration parentRememberDuration() {
    return Internals.dstream().rememberDuration(this).plus(windowLength);
  }

  @Override
  protected boolean mustCheckpoint() {
    return true;
  }

  @SuppressWarnings("serial") // its serializable lambda calls a private helper of this internal class: nothing to hide
  @Override
  protected Optional<RDD<Tuple2<K, V>>> compute(Time validTime) {
    Time windowStart = validTime.minus(windowLength).plus(parentSlide);
    Time previousEnd = validTime.minus(slide);
    Time previousStart = windowStart.minus(slide);
    List<RDD<Tuple2<K, V>>> oldRdds = reduced.slice(previousStart, windowStart.minus(parentSlide));
    List<RDD<Tuple2<K, V>>> newRdds = reduced.slice(previousEnd.plus(parentSlide), validTime);
    RDD<Tuple2<K, V>> previousWindow = Internals.dstream().getOrCompute(this, previousEnd)
        .orElseGet(() -> context().sluiceContext().<Tuple2<K, V>>emptyRDD());

    List<RDD<? extends Tuple2<K, ?>>> all = new ArrayList<>();
    all.add(previousWindow);
    all.addAll(oldRdds);
    all.addAll(newRdds);
    int numOld = oldRdds.size();
    int numNew = newRdds.size();
    Function2<V, V, V> add = f;
    Function2<V, V, V> remove = invF;
    PairRDD<K, V> merged = new CoGroupedRDD<K>(all, partitioner)
        .mapValues(groups -> WindowMerge.merge(groups, numOld, numNew, add, remove));
    return Optional.of(filterF == null ? merged : merged.filter(filterF));
  }

  /** Folds one key's cogrouped values: previous window value, minus old slides, plus new slides. */
  static final class WindowMerge {
    private WindowMerge() {}

    @SuppressWarnings("unchecked")
    static <V> V merge(List<List<Object>> groups, int numOld, int numNew, Function2<V, V, V> f,
                       Function2<V, V, V> invF) throws Exception {
      List<V> oldValues = heads(groups, 1, numOld);
      List<V> newValues = heads(groups, 1 + numOld, numNew);
      List<Object> previous = groups.get(0);
      if (previous.isEmpty()) {
        if (newValues.isEmpty()) {
          throw new SluiceException("reduceByKeyAndWindow: a key has neither a previous window value nor new "
              + "values; does the key class have a consistent hashCode()/equals()?");
        }
        return reduceAll(newValues, f);
      }
      V value = (V) previous.get(0);
      if (!oldValues.isEmpty()) {
        value = invF.call(value, reduceAll(oldValues, f));
      }
      if (!newValues.isEmpty()) {
        value = f.call(value, reduceAll(newValues, f));
      }
      return value;
    }

    @SuppressWarnings("unchecked")
    private static <V> List<V> heads(List<List<Object>> groups, int from, int count) {
      List<V> heads = new ArrayList<>(count);
      for (int i = from; i < from + count; i++) {
        if (!groups.get(i).isEmpty()) {
          heads.add((V) groups.get(i).get(0));
        }
      }
      return heads;
    }

    private static <V> V reduceAll(List<V> values, Function2<V, V, V> f) throws Exception {
      V acc = values.get(0);
      for (int i = 1; i < values.size(); i++) {
        acc = f.call(acc, values.get(i));
      }
      return acc;
    }
  }
}
