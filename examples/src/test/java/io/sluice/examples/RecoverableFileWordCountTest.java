package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import io.sluice.testing.ManualStreaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RecoverableFileWordCount on local dirs, batches driven by a manual clock, across a restart. */
class RecoverableFileWordCountTest {
  private static final Map<String, Integer> ALL_WORDS =
      Map.of("to", 3, "be", 3, "or", 1, "not", 1, "quick", 1, "go", 1);

  @TempDir Path tmp;

  @Test
  void countsEveryFileOnceAcrossAGracefulRestart() throws Exception {
    Path input = Files.createDirectory(tmp.resolve("in"));
    Path output = tmp.resolve("out");
    String checkpoint = tmp.resolve("checkpoint").toUri().toString();

    StreamingContext first = start(input, output, checkpoint);
    ManualStreaming.Driver driver = new ManualStreaming.Driver(first);
    moveIn(input, "a.txt", "to be or", "not to be");
    driver.runBatches(1);
    moveIn(input, "b.txt", "be quick");
    driver.runBatches(2);
    driver.stopGracefully(true);

    // Arrives while nothing runs. A context created afresh (not recovered) would ignore all
    // three files, as files present at a first start are never read.
    moveIn(input, "c.txt", "to go");
    StreamingContext second = start(input, output, checkpoint);
    ManualStreaming.Driver recovered = new ManualStreaming.Driver(second);
    recovered.runBatches(2);
    recovered.stopGracefully(true);

    assertEquals(ALL_WORDS, newestTotals(output.resolve("totals")));
    assertEquals(ALL_WORDS, sumOfBatchCounts(output.resolve("counts")));
  }

  private static StreamingContext start(Path input, Path output, String checkpoint) {
    StreamingContext ssc = RecoverableFileWordCount.getOrCreate(ManualStreaming.conf("local[2]"),
        input.toUri().toString(), output.toUri().toString(), checkpoint, Durations.seconds(1));
    ssc.start();
    return ssc;
  }

  private static void moveIn(Path dir, String name, String... lines) throws IOException {
    Path staged = Files.write(dir.resolveSibling("." + name), List.of(lines));
    Files.move(staged, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The totals of the last batch, e.g. {@code totals/batch-5000.txt/part-*}. */
  private static Map<String, Integer> newestTotals(Path totals) throws IOException {
    List<Path> batches = batchDirs(totals);
    return parse(List.of(batches.get(batches.size() - 1)));
  }

  /** Every batch's counts added up: a file counted twice (or not at all) shows here. */
  private static Map<String, Integer> sumOfBatchCounts(Path counts) throws IOException {
    return parse(batchDirs(counts));
  }

  /** Batch output directories in time order. */
  private static List<Path> batchDirs(Path parent) throws IOException {
    try (Stream<Path> dirs = Files.list(parent)) {
      return dirs.filter(d -> d.getFileName().toString().matches("batch-\\d+\\.txt"))
          .sorted((a, b) -> Long.compare(batchTime(a), batchTime(b))).toList();
    }
  }

  private static long batchTime(Path dir) {
    String name = dir.getFileName().toString();
    return Long.parseLong(name.substring("batch-".length(), name.length() - ".txt".length()));
  }

  /** Adds up the {@code (word,n)} lines of the part files of {@code dirs}. */
  private static Map<String, Integer> parse(List<Path> dirs) throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
          for (String line : Files.readAllLines(part)) {
            int comma = line.lastIndexOf(',');
            counts.merge(line.substring(1, comma), Integer.parseInt(line.substring(comma + 1, line.length() - 1)),
                Integer::sum);
          }
        }
      }
    }
    return counts;
  }
}
