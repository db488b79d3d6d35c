package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The window exactness check: each window against the sum of the batches in (t - window, t]. */
class WindowCheckTest {
  private static final long WINDOW_MS = 10_000;

  @Test
  void windowsEqualToTheSumOfTheirBatchesPass() {
    try (WindowCheck check = WindowCheck.create(WINDOW_MS)) {
      List<Map<String, Long>> batches = randomBatches(60, 7);
      feed(check, batches, 2, (t, window) -> window);
      WindowCheck.Summary summary = check.summary();
      assertEquals(30, summary.checked());
      assertEquals(0, summary.mismatched());
      assertEquals(0, summary.pending());
      assertTrue(summary.exact());
      assertEquals(sumOfBatches(batches, 60).size(), summary.lastWindowKeys());
    }
  }

  @Test
  void theWindowCoversExactlyTheLastTenSecondsOfBatches() {
    try (WindowCheck check = WindowCheck.create(WINDOW_MS)) {
      for (long t = 1; t <= 12; t++) {
        check.batch(t * 1000, Map.of("w", t)); // batch t counts word w t times
      }
      // Batches 3..12 are in (2 s, 12 s]: 3 + 4 + ... + 12 = 75.
      check.window(12_000, Map.of("w", 75L));
      assertTrue(check.summary().exact());
      check.batch(13_000, Map.of("w", 13L));
      check.window(13_000, Map.of("w", 75L + 13 - 3 + 1)); // one too many: batch 3 left the window
      assertEquals(1, check.summary().mismatched());
      assertFalse(check.summary().exact());
    }
  }

  @Test
  void aWrongMissingOrExtraWordFailsTheWindow() {
    for (int variant = 0; variant < 3; variant++) {
      int v = variant;
      try (WindowCheck check = WindowCheck.create(WINDOW_MS)) {
        feed(check, randomBatches(20, 3), 2, (t, window) -> {
          if (t != 14) {
            return window;
          }
          Map<String, Long> wrong = new HashMap<>(window);
          String word = wrong.keySet().iterator().next();
          switch (v) {
            case 0 -> wrong.merge(word, 1L, Long::sum);
            case 1 -> wrong.remove(word);
            default -> wrong.put("not-a-word", 1L);
          }
          return wrong;
        });
        WindowCheck.Summary summary = check.summary();
        assertEquals(10, summary.checked(), "variant " + v);
        assertEquals(1, summary.mismatched(), "variant " + v);
        assertFalse(summary.exact(), "variant " + v);
      }
    }
  }

  @Test
  void aWindowWaitsForItsLastBatchAndUncheckedWindowsAreNotExact() {
    try (WindowCheck check = WindowCheck.create(WINDOW_MS)) {
      check.batch(1000, Map.of("a", 1L));
      check.window(2000, Map.of("a", 1L, "b", 2L));
      assertEquals(new WindowCheck.Summary(0, 0, 1, true, 0), check.summary());
      check.batch(2000, Map.of("b", 2L));
      assertEquals(new WindowCheck.Summary(1, 0, 0, true, 2), check.summary());
      check.window(4000, Map.of("a", 1L, "b", 2L));
      assertFalse(check.summary().exact(), "batch 4000 never came");
    }
  }

  @Test
  void zeroCountsMeanAbsent() {
    try (WindowCheck check = WindowCheck.create(WINDOW_MS)) {
      WindowCheck.addBatch(check.id(), 1000, List.of(new Tuple2<>("a", 2), new Tuple2<>("b", 1)));
      WindowCheck.addBatch(check.id(), 12_000, List.of(new Tuple2<>("b", 1)));
      // "a" left the window: an unfiltered reduceByKeyAndWindow keeps it with a count of 0.
      WindowCheck.addWindow(check.id(), 12_000, List.of(new Tuple2<>("a", 0), new Tuple2<>("b", 1)));
      assertTrue(check.summary().exact());
    }
  }

  @Test
  void batchesOrWindowsOutOfOrderFailTheCheck() {
    try (WindowCheck check = WindowCheck.create(WINDOW_MS)) {
      check.batch(2000, Map.of("a", 1L));
      check.window(2000, Map.of("a", 1L));
      check.batch(1000, Map.of("a", 1L));
      assertFalse(check.summary().ordered());
      assertFalse(check.summary().exact());
    }
    try (WindowCheck check = WindowCheck.create(WINDOW_MS)) {
      check.batch(4000, Map.of("a", 1L));
      check.window(4000, Map.of("a", 1L));
      check.window(2000, Map.of("a", 1L));
      assertFalse(check.summary().exact());
    }
  }

  @Test
  void noWindowIsNotExactAndReleasedChecksCannotBeReached() {
    WindowCheck check = WindowCheck.create(WINDOW_MS);
    check.batch(1000, Map.of("a", 1L));
    assertFalse(check.summary().exact());
    check.close();
    assertThrows(IllegalStateException.class,
        () -> WindowCheck.addBatch(check.id(), 2000, List.of(new Tuple2<>("a", 1))));
  }

  /** Feeds each batch at 1 s, 2 s, ... and, every {@code slideBatches}, the (possibly altered) window. */
  private static void feed(WindowCheck check, List<Map<String, Long>> batches, int slideBatches,
      java.util.function.BiFunction<Long, Map<String, Long>, Map<String, Long>> alter) {
    for (int i = 1; i <= batches.size(); i++) {
      check.batch(i * 1000L, batches.get(i - 1));
      if (i % slideBatches == 0) {
        check.window(i * 1000L, alter.apply((long) i, sumOfBatches(batches, i)));
      }
    }
  }

  /** The counts of batches at seconds (t - 10, t], computed independently of the check. */
  private static Map<String, Long> sumOfBatches(List<Map<String, Long>> batches, int t) {
    Map<String, Long> sum = new HashMap<>();
    for (int i = Math.max(1, t - 9); i <= t; i++) {
      batches.get(i - 1).forEach((w, c) -> sum.merge(w, c, Long::sum));
    }
    return sum;
  }

  private static List<Map<String, Long>> randomBatches(int count, long seed) {
    Random random = new Random(seed);
    List<String> words = Vocabulary.of(50).words();
    List<Map<String, Long>> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Long> batch = new HashMap<>();
      for (int n = random.nextInt(30); n > 0; n--) {
        batch.merge(words.get(random.nextInt(words.size())), 1L, Long::sum);
      }
      batches.add(batch);
    }
    return batches;
  }
}
