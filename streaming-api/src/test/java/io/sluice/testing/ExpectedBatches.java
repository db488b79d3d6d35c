package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-written expectations for a captured stream: the records of each batch time, compared
 * batch by batch (times first, then each batch's records in {@link BatchOutputs}' string order),
 * so a failure names the batch that differs.
 */
public final class ExpectedBatches<T> {
  private final TreeMap<Long, List<T>> batches = new TreeMap<>();

  private ExpectedBatches() {}

  public static <T> ExpectedBatches<T> expect() {
    return new ExpectedBatches<>();
  }

  /** The batch at {@code timeMs} holds exactly {@code records} (any order). */
  @SafeVarargs
  public final ExpectedBatches<T> at(long timeMs, T... records) {
    List<T> copy = new ArrayList<>(records.length); // copied element by element: the array never escapes
    for (T record : records) {
      copy.add(record);
    }
    batches.put(timeMs, sorted(copy));
    return this;
  }

  /** Every batch in {@code timesMs} holds exactly {@code records}. */
  @SafeVarargs
  public final ExpectedBatches<T> atEach(long[] timesMs, T... records) {
    for (long t : timesMs) {
      at(t, records);
    }
    return this;
  }

  public void assertMatches(BatchOutputs<T> out) {
    assertMatches(out, "");
  }

  public void assertMatches(BatchOutputs<T> out, String what) {
    Map<Long, List<T>> actual = actual(out);
    assertEquals(List.copyOf(batches.keySet()), List.copyOf(actual.keySet()),
        what + ": batch times at which the output ran (actual batches: " + actual + ")");
    for (Map.Entry<Long, List<T>> e : batches.entrySet()) {
      assertEquals(e.getValue(), actual.get(e.getKey()), what + ": batch at " + e.getKey() + " ms (all: " + actual + ")");
    }
  }

  /** What {@code out} captured, by batch time, each batch sorted by string form. */
  public static <T> Map<Long, List<T>> actual(BatchOutputs<T> out) {
    List<Long> times = out.times();
    List<List<T>> sortedBatches = out.sortedBatches();
    Map<Long, List<T>> byTime = new LinkedHashMap<>();
    for (int i = 0; i < times.size(); i++) {
      byTime.put(times.get(i), sortedBatches.get(i));
    }
    return byTime;
  }

  private static <T> List<T> sorted(List<T> records) {
    List<T> copy = new ArrayList<>(records);
    copy.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    return copy;
  }

  /** {@code from, from + step, ..., to}: batch times for {@link #atEach}. */
  public static long[] times(long from, long to, long step) {
    int n = (int) ((to - from) / step) + 1;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = from + i * step;
    }
    return out;
  }
}
