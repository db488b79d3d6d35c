package io.sluice.internal.io;

import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of {@code saveAsTextFilesExactlyOnce}: one batch's RDD written to its directory
 * so that writing the same batch again replaces its files instead of adding to them. Each task
 * writes its partition to a temporary file and moves it onto {@code part-NNNNN} with an atomic
 * rename that replaces the file there ({@link ReplacePartFileTask}); once all have, part files an
 * earlier run of the batch wrote beyond this run's partitions are deleted and {@code _SUCCESS} is
 * written. {@code _SUCCESS} is removed first, so a reader that waits for it never reads a batch
 * that is being rewritten.
 */
public final class ExactlyOnceTextFiles {
  private static final Logger log = LoggerFactory.getLogger(ExactlyOnceTextFiles.class);
  static final String TEMPORARY = "_temporary";
  private static final String SUCCESS = "_SUCCESS";
  private static final Pattern PART = Pattern.compile("part-(\\d{5,})");

  private ExactlyOnceTextFiles() {}

  /** The name of partition {@code index}'s file: {@code part-00000}, as saveAsTextFile names them. */
  static String partName(int index) {
    return String.format(Locale.ROOT, "part-%05d", index);
  }

  public static void write(RDD<?> rdd, String directory) {
    Configuration conf = rdd.context().hadoopConfiguration();
    // Resolved here, so every executor writes where the driver means, whatever its working directory.
    Path dir = qualify(directory, conf);
    FileSystem fs = HadoopConfs.fileSystem(dir, conf);
    boolean existed;
    try {
      existed = fs.exists(dir);
      fs.delete(new Path(dir, SUCCESS), false);
      // Here, so that an unusable path fails before any task runs.
      if (!fs.mkdirs(new Path(dir, TEMPORARY))) {
        throw new IOException("mkdirs returned false");
      }
    } catch (IOException e) {
      throw new SluiceException("Cannot prepare output directory " + dir + ": " + e.getMessage(), e);
    }
    List<Long> written;
    try {
      written = Internals.context().runJob(rdd.context(), rdd,
          new ReplacePartFileTask<>(HadoopConfs.snapshot(conf), dir.toString()));
    } catch (RuntimeException e) {
      cleanUpAfterFailure(fs, dir, existed, e);
      throw new SluiceException("Failed to write " + dir + ": " + e.getMessage(), e);
    }
    int partitions = rdd.getNumPartitions();
    try {
      for (FileStatus file : fs.listStatus(dir)) {
        Matcher part = PART.matcher(file.getPath().getName());
        if (part.matches() && Integer.parseInt(part.group(1)) >= partitions) {
          // Left by an earlier run of this batch that had more partitions: not part of this one.
          fs.delete(file.getPath(), false);
        }
      }
      fs.delete(new Path(dir, TEMPORARY), true);
      fs.create(new Path(dir, SUCCESS), true).close();
    } catch (IOException e) {
      throw new SluiceException("Cannot complete output directory " + dir + ": " + e.getMessage(), e);
    }
    log.info("Wrote {} records in {} files to {}", written.stream().mapToLong(Long::longValue).sum(), partitions, dir);
  }

  private static Path qualify(String directory, Configuration conf) {
    try {
      return HadoopConfs.qualify(new Path(directory), conf);
    } catch (IllegalArgumentException e) {
      throw new SluiceException("Invalid output path " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Failed attempts delete their own temporary files; this also removes those of attempts that
   * could not (a lost executor's). Part files already in place stay: each is whole, and without
   * {@code _SUCCESS} the directory does not claim to be complete.
   */
  private static void cleanUpAfterFailure(FileSystem fs, Path dir, boolean existed, Throwable cause) {
    try {
      fs.delete(new Path(dir, TEMPORARY), true);
      if (!existed && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false); // a failed first write leaves no trace
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
