package io.sluice.internal.checkpoint;

import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Serializer;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metadata checkpoints on its own thread, so HDFS latency never delays batches. Each file
 * is written under a temporary name and renamed into place (a reader never sees half a file); the
 * newest {@value #KEEP} are kept so a damaged newest file still leaves older ones to recover from.
 * Only the newest checkpoint waits while a write is under way: it holds everything the ones
 * before it would, and a file system that hangs would otherwise make the driver keep a serialized
 * graph for every batch that ran meanwhile.
 */
public final class CheckpointWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
  static final int KEEP = 10;

  private final Path directory;
  private final FileSystem fs;
  private final Serializer serializer;
  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "sluice-checkpoint-writer");
    t.setDaemon(true);
    return t;
  });
  private final CheckpointStatus status = new CheckpointStatus();
  /** The newest checkpoint not yet taken by the io thread; at most one write task is queued for it. */
  private final java.util.concurrent.atomic.AtomicReference<Pending> newest =
      new java.util.concurrent.atomic.AtomicReference<>();
  // Times of the checkpoint files in the directory, oldest first; touched only by the io thread.
  private final java.util.TreeSet<Long> filesWritten = new java.util.TreeSet<>();
  private boolean listed;

  public CheckpointWriter(String directory, Configuration hadoopConf, Serializer serializer) {
    try {
      this.directory = new Path(directory);
      this.fs = this.directory.getFileSystem(hadoopConf);
    } catch (IOException e) {
      throw new SluiceException("Cannot open the checkpoint directory " + directory + ": " + e, e);
    }
    this.serializer = serializer;
  }

  /** Fails unless the directory can be created and written: checked at start, not at the first batch. */
  public void checkWritable() {
    Path probe = new Path(directory, ".sluice-write-check-" + System.nanoTime());
    try {
      fs.mkdirs(directory);
      try (FSDataOutputStream out = fs.create(probe, true)) {
        out.writeInt(1);
      }
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new SluiceException("The checkpoint directory " + directory + " cannot be written: " + e, e);
    }
  }

  /**
   * Serializes now (on the caller's thread, which owns the graph) and writes in the background;
   * a checkpoint older than one already written is skipped.
   */
  public void write(Checkpoint checkpoint) {
    byte[] bytes = CheckpointFileFormat.encode(serializer.serialize(checkpoint));
    Pending replaced = newest.getAndSet(new Pending(checkpoint.timeMs(), bytes));
    if (replaced == null) {
      io.execute(this::writeNewest);
    } else {
      log.debug("Checkpoint for time {} ms superseded before it was written", replaced.timeMs());
    }
  }

  private void writeNewest() {
    Pending next = newest.getAndSet(null);
    if (next != null) {
      writeFile(next.timeMs(), next.bytes());
    }
  }

  private record Pending(long timeMs, byte[] bytes) {}

  private void writeFile(long timeMs, byte[] bytes) {
    if (timeMs < status.lastWrittenBatchMs()) {
      return;
    }
    Path target = new Path(directory, CheckpointNames.fileName(timeMs));
    Path temp = new Path(directory, CheckpointNames.tempFileName(timeMs));
    try {
      try (FSDataOutputStream out = fs.create(temp, true)) {
        out.write(bytes);
      }
      fs.delete(target, false);
      if (!fs.rename(temp, target)) {
        throw new IOException("rename of " + temp + " to " + target + " failed");
      }
      status.written(timeMs);
      log.debug("Checkpoint for time {} ms written to {} ({} bytes)", timeMs, target, bytes.length);
      deleteOldCheckpoints();
    } catch (IOException | RuntimeException e) {
      // Batches go on; the next checkpoint written holds everything this one would have.
      status.failed(e.toString(), System.currentTimeMillis());
      CheckpointStatus.View now = status.view();
      log.warn("Could not write the checkpoint for time {} ms to {} ({} failure(s) since the last one written, "
          + "for time {} ms); batches go on and the next checkpoint written catches up: {}", timeMs, directory,
          now.failuresSinceLastWrite(), now.lastWrittenBatchMs(), e.toString());
    }
  }

  /** Keeps the newest {@value #KEEP}; lists the directory once (files of earlier runs), then tracks in memory. */
  private void deleteOldCheckpoints() throws IOException {
    if (!listed) {
      for (FileStatus status : fs.listStatus(directory)) {
        long time = CheckpointNames.timeOf(status.getPath().getName());
        if (time >= 0) {
          filesWritten.add(time);
        }
      }
      listed = true;
    }
    filesWritten.add(status.lastWrittenBatchMs());
    while (filesWritten.size() > KEEP) {
      fs.delete(new Path(directory, CheckpointNames.fileName(filesWritten.pollFirst())), false);
    }
  }

  /** How writing goes: the newest written, the failures since. */
  public CheckpointStatus status() {
    return status;
  }

  /** The batch time of the newest checkpoint written, or -1. */
  public long latestWritten() {
    return status.lastWrittenBatchMs();
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    io.shutdown();
    try {
      if (!io.awaitTermination(60, TimeUnit.SECONDS)) {
        log.warn("Checkpoint writes to {} did not finish within 60 s", directory);
        io.shutdownNow();
      }
    } catch (InterruptedException e) {
      io.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
