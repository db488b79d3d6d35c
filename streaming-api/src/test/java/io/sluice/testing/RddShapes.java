package io.sluice.testing;

import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Time;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, per batch, how a stream's RDD is partitioned: the partition count and, for pair RDDs,
 * the partitioner. Like {@link BatchOutputs}, the output function captures only a registry key.
 */
public final class RddShapes {
  /** One batch's RDD shape. */
  public record Shape(int numPartitions, Optional<Partitioner> partitioner) {}

  private static final Map<String, TreeMap<Long, Shape>> REGISTRY = new ConcurrentHashMap<>();

  private final String key;

  private RddShapes(String key) {
    this.key = key;
  }

  public static <T> RddShapes capture(DStream<T> stream) {
    String key = UUID.randomUUID().toString();
    REGISTRY.put(key, new TreeMap<>());
    stream.foreachRDD((RDD<T> rdd, Time time) -> record(key, time, rdd));
    return new RddShapes(key);
  }

  private static void record(String key, Time time, RDD<?> rdd) {
    Optional<Partitioner> p = Internals.rdd().partitionerIfKnown(rdd);
    TreeMap<Long, Shape> shapes = REGISTRY.get(key);
    synchronized (shapes) {
      shapes.put(time.milliseconds(), new Shape(rdd.getNumPartitions(), p));
    }
  }

  /** Batch time (ms) to shape, in time order. */
  public Map<Long, Shape> byTime() {
    TreeMap<Long, Shape> shapes = REGISTRY.get(key);
    synchronized (shapes) {
      return new TreeMap<>(shapes);
    }
  }

  public void release() {
    REGISTRY.remove(key);
  }
}
