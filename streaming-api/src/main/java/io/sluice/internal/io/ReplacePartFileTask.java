package io.sluice.internal.io;

import io.sluice.core.SluiceException;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.rdd.TaskFunction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.UUID;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Writes one partition as UTF-8 lines to a file of its own under {@code <dir>/_temporary/}, then
 * renames it onto {@code <dir>/part-NNNNN}, replacing what is there. The rename is one atomic
 * operation on HDFS ({@code FileContext.rename} with {@code OVERWRITE}), so readers see the old
 * file or the new one, never a mix, a partial file or both. On the local file system it is a
 * delete and a rename (of the data and its .crc), so a reader racing a rerun may briefly miss the
 * file; {@code FileUtil.rename} would be worse there, leaving the old .crc beside the new data. A failed attempt deletes its
 * temporary file; a retry writes a new one. Returns the number of records written.
 */
final class ReplacePartFileTask<T> implements TaskFunction<T, Long> {
  private static final long serialVersionUID = 1L;

  private final SerializableConfiguration conf;
  private final String directory;

  ReplacePartFileTask(SerializableConfiguration conf, String directory) {
    this.conf = conf;
    this.directory = directory;
  }

  @Override
  public Long apply(TaskContextImpl context, Iterator<T> records) throws IOException {
    Path dir = new Path(directory);
    Path target = new Path(dir, ExactlyOnceTextFiles.partName(context.partitionId()));
    Path temporary = new Path(new Path(dir, ExactlyOnceTextFiles.TEMPORARY),
        target.getName() + "-attempt-" + context.attemptNumber() + "-" + UUID.randomUUID());
    FileSystem fs = temporary.getFileSystem(conf.value());
    long n = 0;
    boolean moved = false;
    try {
      try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(fs.create(temporary, true),
          StandardCharsets.UTF_8), 1 << 16)) {
        while (records.hasNext()) {
          out.write(String.valueOf(records.next()));
          out.write('\n');
          n++;
        }
      }
      FileContext.getFileContext(temporary.toUri(), conf.value()).rename(temporary, target, Options.Rename.OVERWRITE);
      moved = true;
      return n;
    } catch (IOException e) {
      throw new SluiceException("Cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (!moved) {
        fs.delete(temporary, false);
      }
    }
  }
}
