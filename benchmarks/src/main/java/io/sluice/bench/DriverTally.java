package io.sluice.bench;

import io.sluice.api.Tuple2;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Word totals kept on the driver, added to by a {@code foreachRDD} function.
 *
 * <p>The function reaches its tally through a static registry by id instead of capturing it:
 * user functions are serializable and the engine may copy them (for a checkpoint, or to check
 * that they serialize), and a copied map would silently collect counts nobody reads.
 */
final class DriverTally {
  private static final Map<String, DriverTally> REGISTRY = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final AtomicLong totalWords = new AtomicLong();

  private DriverTally() {}

  /** A new, registered tally; {@link #release} it when done. */
  static DriverTally create() {
    DriverTally tally = new DriverTally();
    REGISTRY.put(tally.id, tally);
    return tally;
  }

  /** Adds one batch's (word, count) pairs to the tally named {@code id}. Driver side only. */
  static void add(String id, List<Tuple2<String, Integer>> batchCounts) {
    DriverTally tally = REGISTRY.get(id);
    if (tally == null) {
      throw new IllegalStateException("no driver tally " + id + " in this JVM");
    }
    for (Tuple2<String, Integer> wordCount : batchCounts) {
      tally.counts.merge(wordCount._1(), wordCount._2().longValue(), Long::sum);
      tally.totalWords.addAndGet(wordCount._2());
    }
  }

  String id() {
    return id;
  }

  long totalWords() {
    return totalWords.get();
  }

  Map<String, Long> snapshot() {
    return new HashMap<>(counts);
  }

  void release() {
    REGISTRY.remove(id);
  }
}
