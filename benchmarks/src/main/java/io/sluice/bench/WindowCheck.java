package io.sluice.bench;

import io.sluice.api.Tuple2;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks windowed word counts against the per-batch counts they summarise: the window emitted at
 * time t must hold, for every word, the sum of its counts in the batches of times in
 * {@code (t - window, t]} (words summing to zero being absent).
 *
 * <p>Two {@code foreachRDD} functions feed it on the driver, reaching it through the
 * {@link DriverRegistry} by {@link #id}: one with every batch's counts, one with every window.
 * A window is checked as soon as the batch at its own time (or a later one) has been recorded,
 * which relies on batches and their output operations running in order, the per-batch one first
 * (the engine's default, {@code sluice.streaming.concurrentJobs} = 1). Batches no later window
 * needs are then dropped, so memory stays at about one window's worth of batches. Thread-safe.
 */
final class WindowCheck implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WindowCheck.class);
  private static final int MAX_LOGGED_MISMATCHES = 3;

  private final String id;
  private final long windowMs;
  private final NavigableMap<Long, Map<String, Long>> batches = new TreeMap<>();
  private final NavigableMap<Long, Map<String, Long>> pendingWindows = new TreeMap<>();
  private long latestBatchMs = Long.MIN_VALUE;
  private long latestWindowMs = Long.MIN_VALUE;
  private boolean ordered = true;
  private int checked;
  private int mismatched;
  private int lastWindowKeys;

  private WindowCheck(long windowMs) {
    if (windowMs <= 0) {
      throw new IllegalArgumentException("window must be > 0 ms, got " + windowMs);
    }
    this.windowMs = windowMs;
    this.id = DriverRegistry.register(this);
  }

  /** A new, registered check of windows {@code windowMs} long; {@link #close} it when done. */
  static WindowCheck create(long windowMs) {
    return new WindowCheck(windowMs);
  }

  /** Records the counts of the batch at {@code timeMs} with the check named {@code id}. */
  static void addBatch(String id, long timeMs, List<Tuple2<String, Integer>> counts) {
    DriverRegistry.lookup(id, WindowCheck.class).batch(timeMs, WordCounts.toMap(counts));
  }

  /** Records the window emitted at {@code timeMs} with the check named {@code id}. */
  static void addWindow(String id, long timeMs, List<Tuple2<String, Integer>> counts) {
    DriverRegistry.lookup(id, WindowCheck.class).window(timeMs, WordCounts.toMap(counts));
  }

  String id() {
    return id;
  }

  /**
   * Records one batch's counts. Batches must come in time order: one that does not makes the
   * check fail, as windows may already have been compared without it.
   */
  synchronized void batch(long timeMs, Map<String, Long> counts) {
    if (timeMs <= latestBatchMs) {
      outOfOrder("batch", timeMs, latestBatchMs);
      return;
    }
    batches.put(timeMs, counts);
    latestBatchMs = timeMs;
    checkPendingWindows();
  }

  /** Records one window's counts; checked now or once a batch at or after {@code timeMs} is in. */
  synchronized void window(long timeMs, Map<String, Long> counts) {
    if (timeMs <= latestWindowMs) {
      outOfOrder("window", timeMs, latestWindowMs);
      return;
    }
    latestWindowMs = timeMs;
    pendingWindows.put(timeMs, counts);
    checkPendingWindows();
  }

  synchronized Summary summary() {
    return new Summary(checked, mismatched, pendingWindows.size(), ordered, lastWindowKeys);
  }

  private void outOfOrder(String what, long timeMs, long latestMs) {
    log.error("The {} at {} ms came after the one at {} ms; the window check needs them in order"
        + " (sluice.streaming.concurrentJobs = 1)", what, timeMs, latestMs);
    ordered = false;
  }

  private void checkPendingWindows() {
    while (!pendingWindows.isEmpty() && pendingWindows.firstKey() <= latestBatchMs) {
      Map.Entry<Long, Map<String, Long>> window = pendingWindows.pollFirstEntry();
      check(window.getKey(), window.getValue());
    }
  }

  private void check(long timeMs, Map<String, Long> window) {
    Map<String, Long> expected = new HashMap<>(2 * window.size() + 16);
    for (Map<String, Long> batch : batches.subMap(timeMs - windowMs, false, timeMs, true).values()) {
      batch.forEach((word, count) -> expected.merge(word, count, Long::sum));
    }
    expected.values().removeIf(count -> count == 0);
    CountDiff diff = CountDiff.between(expected, window);
    checked++;
    if (!diff.same()) {
      mismatched++;
      if (mismatched <= MAX_LOGGED_MISMATCHES) {
        log.error("Window at {} ms differs from its batches in {} word(s), e.g. {}", timeMs,
            diff.mismatched(), diff.examples());
      }
    }
    lastWindowKeys = window.size();
    // Later windows end after timeMs, so they start after timeMs - windowMs.
    batches.headMap(timeMs - windowMs, true).clear();
  }

  @Override
  public void close() {
    DriverRegistry.release(id);
  }

  /**
   * @param checked windows compared with their batches
   * @param mismatched checked windows that differed
   * @param pending windows never checked because the batch at their time was not recorded
   * @param ordered whether batches and windows came in time order, as the check needs
   * @param lastWindowKeys distinct words in the last checked window
   */
  record Summary(int checked, int mismatched, int pending, boolean ordered, int lastWindowKeys) {
    /** Every window was checked (and there was at least one), in order, and all matched. */
    boolean exact() {
      return checked > 0 && mismatched == 0 && pending == 0 && ordered;
    }
  }
}
