package io.sluice.testing;

import io.sluice.core.RDD;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures what a stream produces, batch by batch, for assertions. The output function runs in
 * the streaming job and must be serializable, so it captures only a key into this static registry.
 */
public final class BatchOutputs<T> {
  private static final Map<String, TreeMap<Long, List<Object>>> REGISTRY = new ConcurrentHashMap<>();

  private final String key;

  private BatchOutputs(String key) {
    this.key = key;
  }

  /** Registers an output operation on {@code stream} that records every batch's records (sorted if comparable). */
  public static <T> BatchOutputs<T> capture(DStream<T> stream) {
    String key = UUID.randomUUID().toString();
    REGISTRY.put(key, new TreeMap<>());
    stream.foreachRDD((RDD<T> rdd, Time time) -> record(key, time, new ArrayList<>(rdd.collect())));
    return new BatchOutputs<>(key);
  }

  private static void record(String key, Time time, List<Object> records) {
    TreeMap<Long, List<Object>> batches = REGISTRY.get(key);
    synchronized (batches) {
      batches.put(time.milliseconds(), records);
    }
  }

  /** Each batch's records in batch order; records sorted by their string form for stable comparison. */
  @SuppressWarnings("unchecked")
  public List<List<T>> sortedBatches() {
    List<List<T>> out = new ArrayList<>();
    TreeMap<Long, List<Object>> batches = REGISTRY.get(key);
    synchronized (batches) {
      for (List<Object> records : batches.values()) {
        List<T> copy = new ArrayList<>((List<T>) (List<?>) records);
        copy.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        out.add(copy);
      }
    }
    return out;
  }

  /** Batch times (ms) at which the output ran. */
  public List<Long> times() {
    TreeMap<Long, List<Object>> batches = REGISTRY.get(key);
    synchronized (batches) {
      return new ArrayList<>(batches.keySet());
    }
  }

  public void release() {
    REGISTRY.remove(key);
  }
}
