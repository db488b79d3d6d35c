package io.sluice.testing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A thread-safe collector that user functions (run in tasks or streaming jobs) can add to. Functions
 * are serialized, so the sink itself is only a key into a static registry; that works because
 * local[N] runs tasks in this JVM.
 */
public final class Sink<T> implements Serializable {
  private static final Map<String, Queue<Object>> REGISTRY = new ConcurrentHashMap<>();

  private final String key;

  private Sink(String key) {
    this.key = key;
  }

  public static <T> Sink<T> create() {
    String key = UUID.randomUUID().toString();
    REGISTRY.put(key, new ConcurrentLinkedQueue<>());
    return new Sink<>(key);
  }

  public void add(T value) {
    queue().add(value);
  }

  /** Everything added so far, in the order it was added. */
  @SuppressWarnings("unchecked")
  public List<T> values() {
    return new ArrayList<>((Queue<T>) (Queue<?>) queue());
  }

  /** Everything added so far, sorted by string form. */
  public List<T> sortedValues() {
    List<T> values = values();
    values.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    return values;
  }

  public int size() {
    return queue().size();
  }

  public void release() {
    REGISTRY.remove(key);
  }

  private Queue<Object> queue() {
    Queue<Object> queue = REGISTRY.get(key);
    if (queue == null) {
      throw new IllegalStateException("Sink " + key + " was released");
    }
    return queue;
  }
}
