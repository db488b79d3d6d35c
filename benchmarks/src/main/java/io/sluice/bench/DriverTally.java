package io.sluice.bench;

import io.sluice.api.Tuple2;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Word totals kept on the driver, added to by a {@code foreachRDD} function that reaches the
 * tally through the {@link DriverRegistry} by {@link #id}.
 */
final class DriverTally implements AutoCloseable {
  private final String id;
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final AtomicLong totalWords = new AtomicLong();

  private DriverTally() {
    this.id = DriverRegistry.register(this);
  }

  /** A new, registered tally; {@link #close} it when done. */
  static DriverTally create() {
    return new DriverTally();
  }

  /** Adds one batch's (word, count) pairs to the tally named {@code id}. Driver side only. */
  static void add(String id, List<Tuple2<String, Integer>> batchCounts) {
    DriverRegistry.lookup(id, DriverTally.class).add(batchCounts);
  }

  private void add(List<Tuple2<String, Integer>> batchCounts) {
    for (Tuple2<String, Integer> wordCount : batchCounts) {
      counts.merge(wordCount._1(), wordCount._2().longValue(), Long::sum);
      totalWords.addAndGet(wordCount._2());
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

  /** Unregisters the tally; it keeps what it counted. */
  @Override
  public void close() {
    DriverRegistry.release(id);
  }
}
