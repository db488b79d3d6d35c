package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver-side helpers that output functions feed, and the comparison of counts. */
class DriverSideTest {
  @Test
  void registryFindsObjectsByIdAndTypeUntilReleased() {
    Object thing = new Object();
    String id = DriverRegistry.register(thing);
    assertSame(thing, DriverRegistry.lookup(id, Object.class));
    assertThrows(IllegalStateException.class, () -> DriverRegistry.lookup(id, String.class));
    DriverRegistry.release(id);
    assertThrows(IllegalStateException.class, () -> DriverRegistry.lookup(id, Object.class));
  }

  @Test
  void tallyAddsBatchesUp() {
    try (DriverTally tally = DriverTally.create()) {
      DriverTally.add(tally.id(), List.of(new Tuple2<>("a", 2), new Tuple2<>("b", 1)));
      DriverTally.add(tally.id(), List.of(new Tuple2<>("a", 3)));
      assertEquals(Map.of("a", 5L, "b", 1L), tally.snapshot());
      assertEquals(6, tally.totalWords());
    }
  }

  @Test
  void latestCountsKeepTheNewestBatch() {
    try (LatestCounts latest = LatestCounts.create()) {
      assertEquals(Map.of(), latest.counts());
      LatestCounts.record(latest.id(), 2000, List.of(new Tuple2<>("a", 4), new Tuple2<>("b", 1)));
      LatestCounts.record(latest.id(), 1000, List.of(new Tuple2<>("a", 1)));
      assertEquals(Map.of("a", 4L, "b", 1L), latest.counts());
      assertEquals(5, latest.total());
      LatestCounts.record(latest.id(), 3000, List.of(new Tuple2<>("a", 6)));
      assertEquals(Map.of("a", 6L), latest.counts());
      assertEquals(6, latest.total());
    }
  }

  @Test
  void countDiffCountsEveryDifferingWordAndDescribesAFew() {
    assertTrue(CountDiff.between(Map.of("a", 1L), Map.of("a", 1L)).same());
    CountDiff diff = CountDiff.between(Map.of("a", 1L, "b", 2L, "c", 3L), Map.of("a", 1L, "b", 3L, "d", 1L));
    assertEquals(3, diff.mismatched()); // b differs, c missing, d extra
    assertFalse(diff.same());
    assertTrue(diff.examples().contains("'b': expected 2, got 3"), diff.examples().toString());

    Map<String, Long> many = new java.util.HashMap<>();
    Vocabulary.of(20).words().forEach(w -> many.put(w, 1L));
    CountDiff all = CountDiff.between(many, Map.of());
    assertEquals(20, all.mismatched());
    assertEquals(CountDiff.MAX_EXAMPLES, all.examples().size());
  }

  @Test
  void wordCountsDropZerosAndAddDuplicates() {
    assertEquals(Map.of("a", 3L), WordCounts.toMap(List.of(new Tuple2<>("a", 1), new Tuple2<>("a", 2),
        new Tuple2<>("b", 0), new Tuple2<>("c", 1), new Tuple2<>("c", -1))));
    assertEquals(4, WordCounts.total(Map.of("a", 3L, "b", 1L)));
  }

  @Test
  void tempCheckpointDirIsDeletedWithItsContents() throws Exception {
    java.nio.file.Path path;
    try (TempCheckpointDir dir = new TempCheckpointDir("sluice-bench-test-")) {
      path = dir.path();
      java.nio.file.Files.createDirectories(path.resolve("rdds/rdd-1"));
      java.nio.file.Files.writeString(path.resolve("rdds/rdd-1/part-0"), "x");
      assertTrue(java.nio.file.Files.isDirectory(path));
    }
    assertFalse(java.nio.file.Files.exists(path));
  }
}
