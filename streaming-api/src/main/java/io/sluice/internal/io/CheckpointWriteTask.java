package io.sluice.internal.io;

import io.sluice.core.SluiceException;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.rdd.TaskFunction;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves one partition of an RDD being checkpointed: writes a hidden file private to this task
 * attempt, then renames it to {@code part-NNNNN}. If another attempt of the task got there first,
 * its (complete) file is kept. Returns the number of records written.
 */
final class CheckpointWriteTask<T> implements TaskFunction<T, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(CheckpointWriteTask.class);

  private final String directory;

  CheckpointWriteTask(String directory) {
    this.directory = directory;
  }

  @Override
  public Long apply(TaskContextImpl context, Iterator<T> records) throws Exception {
    String name = CheckpointFiles.partFileName(context.partitionId());
    Path target = new Path(directory, name);
    Path temp = new Path(directory, "." + name + ".attempt-" + context.attemptNumber() + ".tmp");
    FileSystem fs = HadoopConfs.fileSystem(target, HadoopConfs.forExecutor(context.env().conf()));
    long written;
    try {
      FSDataOutputStream out = fs.create(temp, true);
      try {
        written = CheckpointFileFormat.write(out, records, context.env().dataSerializer()); // closes out
      } catch (Throwable t) {
        closeQuietly(out);
        throw t;
      }
      if (!fs.rename(temp, target)) {
        if (!fs.exists(target)) {
          throw new SluiceException("Cannot rename checkpoint file " + temp + " to " + target);
        }
        log.info("Checkpoint file {} was already written by another attempt; keeping it", target);
        fs.delete(temp, false);
      }
    } catch (IOException e) {
      deleteQuietly(fs, temp);
      throw new SluiceException("Cannot write checkpoint file " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(fs, temp);
      throw e;
    }
    return written;
  }

  private static void closeQuietly(FSDataOutputStream out) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      log.debug("Could not close a failed checkpoint file: {}", e.toString());
    }
  }

  private static void deleteQuietly(FileSystem fs, Path path) {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", path, e.toString());
    }
  }
}
