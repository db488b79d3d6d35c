package io.sluice.bench;

import io.sluice.api.Tuple2;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Conversions of collected (word, count) pairs into the maps the exactness checks compare. */
final class WordCounts {
  private WordCounts() {}

  /**
   * The pairs as a map from word to count. A word listed twice (which a reduced stream should not
   * produce) has its counts added; a count of zero is left out, as it means no occurrence.
   */
  static Map<String, Long> toMap(List<Tuple2<String, Integer>> pairs) {
    Map<String, Long> counts = new HashMap<>(Math.max(16, 2 * pairs.size()));
    for (Tuple2<String, Integer> pair : pairs) {
      if (pair._2() != 0) {
        counts.merge(pair._1(), pair._2().longValue(), Long::sum);
      }
    }
    counts.values().removeIf(count -> count == 0);
    return counts;
  }

  /** The sum of all counts. */
  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
