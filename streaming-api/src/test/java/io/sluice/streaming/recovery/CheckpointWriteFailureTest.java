package io.sluice.streaming.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.access.Internals;
import io.sluice.internal.checkpoint.CheckpointStatus;
import io.sluice.streaming.Durations;
import io.sluice.testing.ManualStreaming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata checkpoints that cannot be written (the directory gone and a file in its place: a lost
 * volume, a permission change) do not stop the batches; the failures are counted where the UI and
 * /metrics read them, and the first checkpoint written afterwards catches up with the newest batch.
 */
class CheckpointWriteFailureTest {
  private static final long WAIT_MS = 20_000;

  @TempDir
  Path tmp;

  @Test
  void batchesGoOnWhileCheckpointsFailAndTheNextOneWrittenCatchesUp() throws Exception {
    Path dir = tmp.resolve("checkpoint");
    AtomicLong counted = new AtomicLong();
    try (ManualStreaming t = new ManualStreaming(ManualStreaming.conf("local[2]"), Durations.seconds(1))) {
      t.ssc().checkpoint(dir.toUri().toString());
      t.queueOf(List.of(List.of(1, 2), List.of(3), List.of(4), List.of(5), List.of(6), List.of(7), List.of(8),
          List.of(9)), 1).foreachRDD(rdd -> {
            counted.addAndGet(rdd.count());
          });
      t.start();
      CheckpointStatus status = Internals.streaming().runtime(t.ssc()).orElseThrow().checkpointStatus().orElseThrow();
      t.runBatches(3);
      await(status, v -> v.lastWrittenBatchMs() == 3_000, "the checkpoint of batch 3");

      Files.move(dir, tmp.resolve("lost-volume")); // in one step: the writer may be busy in it
      Files.writeString(dir, "not a directory");
      t.runBatches(3);
      // Six checkpoints asked for; while one write is under way only the newest waits, so at least one fails.
      await(status, v -> v.failuresSinceLastWrite() >= 1, "failed writes counted");
      assertEquals(3_000, status.view().lastWrittenBatchMs(), "nothing written while the directory is a file");
      assertEquals(7, counted.get(), "the batches went on");
      assertTrue(status.view().lastError().orElseThrow().contains("checkpoint"), status.view().toString());

      Files.delete(dir);
      Files.createDirectories(dir);
      t.runBatches(2);
      await(status, v -> v.lastWrittenBatchMs() == 8_000 && v.failuresSinceLastWrite() == 0, "caught up");
      assertTrue(status.view().failedWrites() >= 1);
      assertEquals(9, counted.get());
      try (Stream<Path> files = Files.list(dir)) {
        assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("checkpoint-8000")),
            "the newest checkpoint on disk is batch 8's");
      }
    }
  }

  private static void await(CheckpointStatus status, Predicate<CheckpointStatus.View> condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
    while (!condition.test(status.view())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what + ": " + status.view());
      }
      Thread.sleep(10);
    }
  }
}
