package io.sluice.internal.io;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.ExecutorEnv;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RDD checkpoint files. An RDD with id {@code N} is saved in {@code <checkpointDir>/rdd-N/}, one
 * file per partition named {@code part-00000}, {@code part-00001}, ... holding the partition's
 * records in the data serializer's stream format between a header and a footer with the record
 * count (see {@link CheckpointFileFormat}). Tasks write to a hidden per-attempt file and rename it into place,
 * so a part file is always complete and a retried task cannot leave a half-written one.
 *
 * <p>RDD ids restart at 1 in every context, so the checkpoint directory given to
 * {@link #writeRdd} must belong to one context; a stale {@code rdd-N} left in it is replaced.
 */
public final class CheckpointFiles {
  private static final Logger log = LoggerFactory.getLogger(CheckpointFiles.class);

  private CheckpointFiles() {}

  /** The file holding one partition inside an RDD's checkpoint directory. */
  public static String partFileName(int partition) {
    return String.format(Locale.ROOT, "part-%05d", partition);
  }

  /**
   * Computes every partition of {@code rdd} in one job and saves it under {@code <checkpointDir>/rdd-<id>}.
   *
   * @return the fully qualified directory the partitions are in, for {@link #readPartition}
   * @throws SluiceException when the job fails or the directory does not end up with one file per partition
   */
  public static String writeRdd(RDD<?> rdd, String checkpointDir) {
    SluiceContext sc = rdd.context();
    Configuration conf = sc.hadoopConfiguration();
    Path dir = HadoopConfs.qualify(new Path(checkpointDir, "rdd-" + rdd.id()), conf);
    FileSystem fs = HadoopConfs.fileSystem(dir, conf);
    prepare(fs, dir);
    int expected = rdd.getNumPartitions();
    int[] all = new int[expected];
    for (int i = 0; i < expected; i++) {
      all[i] = i;
    }
    // The scheduler directly, not sc.runJob: that one checkpoints requested RDDs after each job,
    // which would call back here for the RDD being written.
    Internals.context().dagScheduler(sc).runJob(rdd, new CheckpointWriteTask<>(dir.toString()), all);
    int found = countPartFiles(fs, dir);
    if (found != expected) {
      throw new SluiceException("Checkpoint directory " + dir + " of RDD " + rdd.id() + " has " + found
          + " partition files, expected " + expected);
    }
    log.info("Checkpointed RDD {} ({} partitions) to {}", rdd.id(), expected, dir);
    return dir.toString();
  }

  /**
   * The records of one saved partition, read lazily; the file is closed once they are all read.
   *
   * @throws SluiceException naming the file when it is missing, unreadable or corrupt
   */
  public static <T> Iterator<T> readPartition(String directory, int partition, ExecutorEnv env) {
    Path file = new Path(directory, partFileName(partition));
    FileSystem fs = HadoopConfs.fileSystem(file, HadoopConfs.forExecutor(env.conf()));
    return CheckpointFileFormat.read(fs, file, env.dataSerializer());
  }

  /** Removes an RDD's checkpoint directory (e.g. once no checkpointed stream state refers to it). */
  public static void delete(String directory, Configuration conf) {
    Path dir = new Path(directory);
    try {
      HadoopConfs.fileSystem(dir, conf).delete(dir, true);
    } catch (IOException e) {
      throw new SluiceException("Cannot delete checkpoint directory " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void prepare(FileSystem fs, Path dir) {
    try {
      if (fs.exists(dir)) {
        // Left by an earlier context using the same directory, or by a failed attempt at this RDD.
        log.warn("Replacing stale checkpoint directory {}", dir);
        fs.delete(dir, true);
      }
      if (!fs.mkdirs(dir)) {
        throw new SluiceException("Cannot create checkpoint directory " + dir);
      }
    } catch (IOException e) {
      throw new SluiceException("Cannot create checkpoint directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static int countPartFiles(FileSystem fs, Path dir) {
    try {
      List<FileStatus> parts = List.of(fs.listStatus(dir, p -> p.getName().matches("part-\\d{5,}")));
      return parts.size();
    } catch (IOException e) {
      throw new SluiceException("Cannot list checkpoint directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
