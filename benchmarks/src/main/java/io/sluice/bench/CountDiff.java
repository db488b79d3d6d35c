package io.sluice.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How two sets of word counts differ: the number of words whose counts differ (a word missing on
 * one side counts as a difference) and, for logging, a description of the first few.
 *
 * @param mismatched words counted differently
 * @param examples up to {@value #MAX_EXAMPLES} descriptions such as {@code 'kalomi': expected 3, got 2}
 */
record CountDiff(int mismatched, List<String> examples) {
  static final int MAX_EXAMPLES = 5;

  CountDiff {
    examples = List.copyOf(examples);
  }

  /** Compares {@code actual} with {@code expected}. */
  static CountDiff between(Map<String, Long> expected, Map<String, Long> actual) {
    Set<String> words = new HashSet<>(expected.keySet());
    words.addAll(actual.keySet());
    int mismatched = 0;
    List<String> examples = new ArrayList<>();
    for (String word : words) {
      Long want = expected.get(word);
      Long got = actual.get(word);
      if (!Objects.equals(want, got)) {
        if (examples.size() < MAX_EXAMPLES) {
          examples.add("'" + word + "': expected " + want + ", got " + got);
        }
        mismatched++;
      }
    }
    return new CountDiff(mismatched, examples);
  }

  boolean same() {
    return mismatched == 0;
  }
}
