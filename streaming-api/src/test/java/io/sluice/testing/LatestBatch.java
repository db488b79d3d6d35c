package io.sluice.testing;

import io.sluice.core.RDD;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps only the most recent batch a stream produced (its time and records), for long runs where
 * {@link BatchOutputs} would hold every batch. Like BatchOutputs, the output function captures only
 * a registry key.
 */
public final class LatestBatch<T> {
  /** One batch: its time and records. */
  public record Batch<T>(long timeMs, List<T> records) {}

  private static final Map<String, Batch<?>> REGISTRY = new ConcurrentHashMap<>();

  private final String key;

  private LatestBatch(String key) {
    this.key = key;
  }

  public static <T> LatestBatch<T> capture(DStream<T> stream) {
    String key = UUID.randomUUID().toString();
    stream.foreachRDD((RDD<T> rdd, Time time) -> REGISTRY.put(key,
        new Batch<>(time.milliseconds(), new ArrayList<>(rdd.collect()))));
    return new LatestBatch<>(key);
  }

  /** The latest batch, or null before the first. */
  @SuppressWarnings("unchecked")
  public Batch<T> get() {
    return (Batch<T>) REGISTRY.get(key);
  }

  public void release() {
    REGISTRY.remove(key);
  }
}
