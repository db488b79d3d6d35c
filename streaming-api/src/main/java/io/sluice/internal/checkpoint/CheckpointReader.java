package io.sluice.internal.checkpoint;

import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Serializer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the newest readable checkpoint in a directory. A file that cannot be read (damaged,
 * truncated) is skipped with a warning naming it, and the one before it is tried.
 */
public final class CheckpointReader {
  private static final Logger log = LoggerFactory.getLogger(CheckpointReader.class);

  private CheckpointReader() {}

  /** Empty when the directory holds no checkpoint; throws when it holds some but none is readable. */
  public static Optional<Checkpoint> read(String directory, Configuration hadoopConf, Serializer serializer) {
    Path dir = new Path(directory);
    List<FileStatus> files = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(hadoopConf);
      for (FileStatus status : fs.listStatus(dir)) {
        if (CheckpointNames.timeOf(status.getPath().getName()) >= 0) {
          files.add(status);
        }
      }
      files.sort(Comparator.comparingLong((FileStatus f) -> CheckpointNames.timeOf(f.getPath().getName()))
          .reversed());
      List<String> failures = new ArrayList<>();
      for (FileStatus file : files) {
        try {
          return Optional.of(readFile(fs, file, serializer));
        } catch (SluiceException | IOException e) {
          log.warn("Could not read checkpoint file {} ({}); trying an older checkpoint", file.getPath(),
              e.getMessage());
          failures.add(file.getPath() + ": " + e.getMessage());
        }
      }
      if (!failures.isEmpty()) {
        throw new SluiceException("No checkpoint in " + directory + " could be read: " + failures);
      }
      return Optional.empty();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SluiceException("Cannot list the checkpoint directory " + directory + ": " + e, e);
    }
  }

  private static Checkpoint readFile(FileSystem fs, FileStatus file, Serializer serializer) throws IOException {
    byte[] bytes = new byte[(int) file.getLen()];
    try (FSDataInputStream in = fs.open(file.getPath())) {
      in.readFully(bytes);
    }
    byte[] payload = CheckpointFileFormat.decode(bytes, file.getPath().toString());
    Object value;
    try {
      value = serializer.deserialize(payload);
    } catch (SluiceException e) {
      throw new SluiceException("Checkpoint file " + file.getPath() + " cannot be deserialized (was it written by "
          + "another application or another version of it?): " + e.getMessage(), e);
    }
    if (!(value instanceof Checkpoint checkpoint)) {
      throw new SluiceException("Checkpoint file " + file.getPath() + " holds a " + value.getClass().getName());
    }
    log.info("Read checkpoint {} (batch time {} ms)", file.getPath(), checkpoint.timeMs());
    return checkpoint;
  }
}
