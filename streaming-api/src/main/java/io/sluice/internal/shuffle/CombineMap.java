package io.sluice.internal.shuffle;

import io.sluice.api.Tuple2;
import io.sluice.internal.rdd.Aggregator;
import io.sluice.internal.util.Unchecked;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Combines values by key in a hash map: map-side combining, the reduce side of an aggregating
 * shuffle, and combining in place. One hash lookup per record (the hottest loop of a word count),
 * and null combiners are kept (a plain {@code compute} would drop a key whose combiner is null).
 */
public final class CombineMap<K, V, C> {
  private static final Object NULL = new Object();

  private final Aggregator<V, C> aggregator;
  private final HashMap<K, Object> combiners = new HashMap<>(256);

  public CombineMap(Aggregator<V, C> aggregator) {
    this.aggregator = aggregator;
  }

  /** Adds a value: starts the key's combiner or merges the value into it. */
  public void addValue(K key, V value) {
    combiners.compute(key, (k, old) -> {
      try {
        return box(old == null ? aggregator.createCombiner().call(value)
            : aggregator.mergeValue().call(unbox(old), value));
      } catch (Exception e) {
        throw Unchecked.rethrow(e);
      }
    });
  }

  /** Adds a combiner made elsewhere (another map task's): keeps it or merges the two. */
  public void addCombiner(K key, C combiner) {
    combiners.compute(key, (k, old) -> {
      try {
        return box(old == null ? combiner : aggregator.mergeCombiners().call(unbox(old), combiner));
      } catch (Exception e) {
        throw Unchecked.rethrow(e);
      }
    });
  }

  public Iterator<Tuple2<K, C>> iterator() {
    Iterator<Map.Entry<K, Object>> entries = combiners.entrySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public Tuple2<K, C> next() {
        Map.Entry<K, Object> e = entries.next();
        return new Tuple2<>(e.getKey(), unbox(e.getValue()));
      }
    };
  }

  private static Object box(Object combiner) {
    return combiner == null ? NULL : combiner;
  }

  @SuppressWarnings("unchecked")
  private C unbox(Object stored) {
    return stored == NULL ? null : (C) stored;
  }
}
