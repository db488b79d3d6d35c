package io.sluice.testing;

import io.sluice.api.Tuple2;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small builders for expected records. */
public final class TestData {
  private TestData() {}

  public static <K, V> Tuple2<K, V> kv(K key, V value) {
    return new Tuple2<>(key, value);
  }

  /** The values of an Iterable (e.g. a groupByKey or cogroup group), sorted by string form, as a List. */
  public static <V> List<V> sortedList(Iterable<V> values) {
    List<V> out = new ArrayList<>();
    values.forEach(out::add);
    out.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    return out;
  }

  public static <V> Optional<V> some(V value) {
    return Optional.of(value);
  }

  public static <V> Optional<V> none() {
    return Optional.empty();
  }
}
