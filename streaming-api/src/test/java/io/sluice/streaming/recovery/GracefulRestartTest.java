package io.sluice.streaming.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.StreamingContextState;
import io.sluice.testing.ManualStreaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file-stream word count with running totals (updateStateByKey), stopped gracefully and
 * restarted through getOrCreate: the restarted driver resumes from the checkpoint, reads the files
 * that arrived in between, and the totals are exact (nothing reprocessed, nothing lost).
 */
class GracefulRestartTest {
  @TempDir Path tmp;

  private StreamingContext create(Path input, Path output) {
    StreamingContext ssc = new StreamingContext(ManualStreaming.conf("local[2]").setAppName("restart"),
        Durations.seconds(1));
    DStream<String> lines = ssc.textFileStream(input.toUri().toString());
    lines.flatMap(l -> List.of(l.split(" ")).iterator())
        .mapToPair(w -> new Tuple2<>(w, 1))
        .updateStateByKey((List<Integer> ones, Optional<Integer> total) ->
            Optional.of(total.orElse(0) + ones.size()))
        .saveAsTextFiles(output.resolve("totals").toUri().toString());
    return ssc;
  }

  @Test
  void gracefulStopThenRestartResumesWithExactTotals() throws Exception {
    Path input = Files.createDirectory(tmp.resolve("in"));
    Path output = Files.createDirectory(tmp.resolve("out"));
    String checkpoint = tmp.resolve("checkpoint").toUri().toString();

    StreamingContext first = StreamingContext.getOrCreate(checkpoint, () -> create(input, output));
    first.start();
    ManualStreaming.Driver driver = new ManualStreaming.Driver(first);
    moveIn(input, "a.txt", "x y x");
    driver.runBatches(2);
    moveIn(input, "b.txt", "y z");
    driver.runBatches(1);
    driver.stopGracefully(true);

    moveIn(input, "c.txt", "x z z"); // arrives while no driver runs
    StreamingContext second = StreamingContext.getOrCreate(checkpoint, () -> {
      throw new AssertionError("must recover, not create");
    });
    second.start();
    ManualStreaming.Driver recovered = new ManualStreaming.Driver(second);
    recovered.runBatches(2);
    recovered.stopGracefully(true);

    assertEquals(Map.of("x", 3, "y", 2, "z", 3), latestTotals(output));
  }

  @Test
  void aCorruptNewestCheckpointFallsBackToTheOneBefore() throws Exception {
    Path input = Files.createDirectory(tmp.resolve("in"));
    Path output = Files.createDirectory(tmp.resolve("out"));
    Path dir = tmp.resolve("checkpoint");
    StreamingContext first = StreamingContext.getOrCreate(dir.toUri().toString(), () -> create(input, output));
    first.start();
    ManualStreaming.Driver driver = new ManualStreaming.Driver(first);
    moveIn(input, "a.txt", "x");
    driver.runBatches(3);
    driver.stopGracefully(true);

    Path newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest = files.filter(f -> f.getFileName().toString().startsWith("checkpoint-"))
          .max((a, b) -> Long.compare(time(a), time(b))).orElseThrow();
    }
    Files.write(newest, new byte[] {1, 2, 3});
    StreamingContext second = StreamingContext.getOrCreate(dir.toUri().toString(), () -> {
      throw new AssertionError("must recover from the older checkpoint");
    });
    assertNotNull(Internals.streaming().graph(second));
    second.stop(true, false);
  }

  @Test
  void aCheckpointOfAnotherMainClassIsRejected() {
    SluiceException e = assertThrows(SluiceException.class, () ->
        io.sluice.internal.checkpoint.Applications.checkSameApplication("other (com.example.Other)",
            Optional.of("com.example.Mine"), "/tmp/x"));
    assertTrue(e.getMessage().contains("com.example.Other") && e.getMessage().contains("another application"),
        e.getMessage());
  }

  @Test
  void aCheckpointOfTheSameMainClassIsAccepted() {
    io.sluice.internal.checkpoint.Applications.checkSameApplication("app (com.example.Mine)",
        Optional.of("com.example.Mine"), "/tmp/x");
  }

  @Test
  void aLauncherNamesTheMainClassThatOwnsTheCheckpoint() {
    // On YARN the JVM's main class is the ApplicationMaster's; the user's class must own the checkpoint.
    String before = System.getProperty(io.sluice.internal.checkpoint.Applications.MAIN_CLASS_PROPERTY);
    System.setProperty(io.sluice.internal.checkpoint.Applications.MAIN_CLASS_PROPERTY, "com.example.Mine");
    try {
      assertTrue(io.sluice.internal.checkpoint.Applications.describe("app").endsWith("(com.example.Mine)"));
      io.sluice.internal.checkpoint.Applications.checkSameApplication("app (com.example.Mine)", "/tmp/x");
      assertThrows(SluiceException.class, () ->
          io.sluice.internal.checkpoint.Applications.checkSameApplication("other (com.example.Other)", "/tmp/x"));
    } finally {
      if (before == null) {
        System.clearProperty(io.sluice.internal.checkpoint.Applications.MAIN_CLASS_PROPERTY);
      } else {
        System.setProperty(io.sluice.internal.checkpoint.Applications.MAIN_CLASS_PROPERTY, before);
      }
    }
  }

  @Test
  void anUnwritableCheckpointDirectoryFailsAtStart() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Path input = Files.createDirectory(tmp.resolve("in"));
    StreamingContext ssc = create(input, tmp);
    ssc.checkpoint(file.resolve("sub").toUri().toString());
    SluiceException e = assertThrows(SluiceException.class, ssc::start);
    assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
    assertEquals(StreamingContextState.STOPPED, ssc.getState());
    ssc.stop();
  }

  private static long time(Path p) {
    return Long.parseLong(p.getFileName().toString().substring("checkpoint-".length()));
  }

  private static void moveIn(Path dir, String name, String content) throws IOException {
    Path staged = Files.writeString(dir.resolveSibling("." + name), content + "\n");
    Files.move(staged, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The totals of the newest batch output directory. */
  private static Map<String, Integer> latestTotals(Path output) throws IOException {
    Path newest;
    try (Stream<Path> dirs = Files.list(output)) {
      newest = dirs.filter(d -> d.getFileName().toString().startsWith("totals-"))
          .max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).orElseThrow();
    }
    Map<String, Integer> totals = new HashMap<>();
    try (Stream<Path> parts = Files.list(newest)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(part)) {
          String[] kv = line.substring(1, line.length() - 1).split(",");
          totals.put(kv[0], Integer.parseInt(kv[1]));
        }
      }
    }
    return totals;
  }
}
