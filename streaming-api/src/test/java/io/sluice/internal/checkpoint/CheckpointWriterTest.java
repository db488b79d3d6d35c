package io.sluice.internal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.internal.serializer.Serializers;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint file system that hangs (issue 15, item 3): batches go on and keep asking for
 * checkpoints, and only the newest waits to be written. Queueing every one would keep a serialized
 * graph per batch in the driver's memory for as long as the file system hangs.
 */
class CheckpointWriterTest {
  @TempDir
  File dir;

  /** The local file system, whose creates wait while the gate is closed; counts them. */
  public static final class GatedFileSystem extends LocalFileSystem {
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static final AtomicInteger CREATES = new AtomicInteger();

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
      CREATES.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }
  }

  private static Checkpoint at(long timeMs) {
    return new Checkpoint("CheckpointWriterTest", timeMs, 1000, Map.of(), null, List.of());
  }

  @Test
  void whileAWriteHangsOnlyTheNewestCheckpointWaitsAndIsWrittenOnceItMoves() throws Exception {
    Configuration hadoop = new Configuration(false);
    hadoop.set("fs.file.impl", GatedFileSystem.class.getName());
    hadoop.setBoolean("fs.file.impl.disable.cache", true);
    GatedFileSystem.gate = new CountDownLatch(1);
    GatedFileSystem.CREATES.set(0);
    CheckpointWriter writer = new CheckpointWriter(dir.toURI().toString(), hadoop,
        Serializers.forClosures(new SluiceConf(false)));
    writer.write(at(1000));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (GatedFileSystem.CREATES.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, GatedFileSystem.CREATES.get(), "the first write is under way, and hangs");
    for (long t = 2000; t <= 100_000; t += 1000) {
      writer.write(at(t)); // batches go on while the file system hangs
    }
    GatedFileSystem.gate.countDown();
    writer.close();

    assertEquals(2, GatedFileSystem.CREATES.get(), "the hung write, then the newest: nothing in between");
    assertEquals(100_000, writer.latestWritten());
    String[] files = dir.list((d, name) -> name.startsWith("checkpoint-") && !name.endsWith(".crc"));
    Arrays.sort(files);
    assertEquals(List.of(CheckpointNames.fileName(1000), CheckpointNames.fileName(100_000)), List.of(files));
    assertTrue(writer.status().view().failuresSinceLastWrite() == 0);
  }
}
