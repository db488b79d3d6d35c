package io.sluice.internal.shuffle;

import io.sluice.api.Tuple2;
import io.sluice.internal.rdd.Aggregator;
import io.sluice.internal.util.Unchecked;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Combines values by key: map-side combining, the reduce side of an aggregating shuffle, and
 * combining in place. The hottest loop of a word count, so an open-addressing table of its own
 * (linear probing, at most half full): one probe sequence per record and no per-record allocation,
 * where a {@code HashMap.compute} allocates a capturing lambda and walks a bucket of nodes. A null
 * key and null combiners are kept.
 */
public final class CombineMap<K, V, C> {
  /** Stands for the null key, and for a null combiner, in the table (where null means an empty slot). */
  private static final Object NULL = new Object();
  private static final int INITIAL_CAPACITY = 256;

  private final Aggregator<V, C> aggregator;
  private Object[] keys = new Object[INITIAL_CAPACITY];
  private Object[] combiners = new Object[INITIAL_CAPACITY];
  private int size;

  public CombineMap(Aggregator<V, C> aggregator) {
    this.aggregator = aggregator;
  }

  /** Adds a value: starts the key's combiner or merges the value into it. */
  public void addValue(K key, V value) {
    int slot = slotOf(key);
    try {
      if (keys[slot] == null) {
        insert(slot, key, aggregator.createCombiner().call(value));
      } else {
        combiners[slot] = box(aggregator.mergeValue().call(unbox(combiners[slot]), value));
      }
    } catch (Exception e) {
      throw Unchecked.rethrow(e);
    }
  }

  /** Adds a combiner made elsewhere (another map task's): keeps it or merges the two. */
  public void addCombiner(K key, C combiner) {
    int slot = slotOf(key);
    try {
      if (keys[slot] == null) {
        insert(slot, key, combiner);
      } else {
        combiners[slot] = box(aggregator.mergeCombiners().call(unbox(combiners[slot]), combiner));
      }
    } catch (Exception e) {
      throw Unchecked.rethrow(e);
    }
  }

  public Iterator<Tuple2<K, C>> iterator() {
    return new Iterator<>() {
      private int next = advance(0);

      private int advance(int from) {
        int i = from;
        while (i < keys.length && keys[i] == null) {
          i++;
        }
        return i;
      }

      @Override
      public boolean hasNext() {
        return next < keys.length;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Tuple2<K, C> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object key = keys[next];
        Tuple2<K, C> entry = new Tuple2<>(key == NULL ? null : (K) key, unbox(combiners[next]));
        next = advance(next + 1);
        return entry;
      }
    };
  }

  /** The slot holding {@code key}, or the empty slot where it belongs. */
  private int slotOf(Object key) {
    Object k = key == null ? NULL : key;
    int mask = keys.length - 1;
    int slot = spread(k.hashCode()) & mask;
    while (true) {
      Object present = keys[slot];
      if (present == null || present == k || present.equals(k)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void insert(int slot, Object key, Object combiner) {
    keys[slot] = key == null ? NULL : key;
    combiners[slot] = box(combiner);
    if (++size > keys.length / 2) {
      grow();
    }
  }

  private void grow() {
    Object[] oldKeys = keys;
    Object[] oldCombiners = combiners;
    keys = new Object[oldKeys.length * 2];
    combiners = new Object[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      Object key = oldKeys[i];
      if (key != null) {
        int slot = spread(key.hashCode()) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        combiners[slot] = oldCombiners[i];
      }
    }
  }

  /** Mixes the hash's high bits into the low ones the mask keeps (linear probing clusters on poor low bits). */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static Object box(Object combiner) {
    return combiner == null ? NULL : combiner;
  }

  @SuppressWarnings("unchecked")
  private C unbox(Object stored) {
    return stored == NULL ? null : (C) stored;
  }
}
