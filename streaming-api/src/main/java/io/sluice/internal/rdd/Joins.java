package io.sluice.internal.rdd;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Joins as flattenings of a cogroup: every combination of the two sides' values per key. */
public final class Joins {
  private Joins() {}

  public static <K, V, W> PairRDD<K, Tuple2<V, W>> inner(PairRDD<K, Tuple2<Iterable<V>, Iterable<W>>> grouped) {
    return grouped.flatMapValues(vw -> {
      List<Tuple2<V, W>> out = new ArrayList<>();
      for (V v : vw._1()) {
        for (W w : vw._2()) {
          out.add(new Tuple2<>(v, w));
        }
      }
      return out.iterator();
    });
  }

  @SuppressWarnings("serial") // its serializable lambda calls a private helper of this internal class: nothing to hide
  public static <K, V, W> PairRDD<K, Tuple2<V, Optional<W>>> leftOuter(
      PairRDD<K, Tuple2<Iterable<V>, Iterable<W>>> grouped) {
    return grouped.flatMapValues(vw -> {
      List<Tuple2<V, Optional<W>>> out = new ArrayList<>();
      for (V v : vw._1()) {
        for (Optional<W> w : optionals(vw._2())) {
          out.add(new Tuple2<>(v, w));
        }
      }
      return out.iterator();
    });
  }

  @SuppressWarnings("serial") // its serializable lambda calls a private helper of this internal class: nothing to hide
  public static <K, V, W> PairRDD<K, Tuple2<Optional<V>, W>> rightOuter(
      PairRDD<K, Tuple2<Iterable<V>, Iterable<W>>> grouped) {
    return grouped.flatMapValues(vw -> {
      List<Tuple2<Optional<V>, W>> out = new ArrayList<>();
      for (Optional<V> v : optionals(vw._1())) {
        for (W w : vw._2()) {
          out.add(new Tuple2<>(v, w));
        }
      }
      return out.iterator();
    });
  }

  @SuppressWarnings("serial") // its serializable lambda calls a private helper of this internal class: nothing to hide
  public static <K, V, W> PairRDD<K, Tuple2<Optional<V>, Optional<W>>> fullOuter(
      PairRDD<K, Tuple2<Iterable<V>, Iterable<W>>> grouped) {
    return grouped.flatMapValues(vw -> {
      List<Tuple2<Optional<V>, Optional<W>>> out = new ArrayList<>();
      for (Optional<V> v : optionals(vw._1())) {
        for (Optional<W> w : optionals(vw._2())) {
          out.add(new Tuple2<>(v, w));
        }
      }
      return out.iterator();
    });
  }

  /** The values wrapped in Optional, or a single empty Optional when there are none (the outer side). */
  private static <T> List<Optional<T>> optionals(Iterable<T> values) {
    List<Optional<T>> out = new ArrayList<>();
    for (T t : values) {
      out.add(Optional.ofNullable(t));
    }
    if (out.isEmpty()) {
      out.add(Optional.empty());
    }
    return out;
  }
}
