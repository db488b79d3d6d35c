package io.sluice.internal.io;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * The output formats of {@code saveAsTextFile} and {@code saveAsObjectFile}. They differ from
 * Hadoop's only in naming files {@code part-00000}, {@code part-00001}, ... (one per partition)
 * instead of MapReduce's {@code part-r-00000}; the committer still decides where a task writes.
 */
final class PartFileFormats {
  private PartFileFormats() {}

  /** {@code part-NNNNN} plus the format's extension (e.g. {@code .gz} when compression is on). */
  static Path partFile(PathOutputCommitter committer, TaskAttemptContext context, String extension)
      throws IOException {
    int partition = context.getTaskAttemptID().getTaskID().getId();
    return new Path(committer.getWorkPath(), String.format(Locale.ROOT, "part-%05d%s", partition, extension));
  }

  /** Lines: a null key writes just the value and a newline. */
  static final class Lines extends TextOutputFormat<NullWritable, Text> {
    @Override
    public Path getDefaultWorkFile(TaskAttemptContext context, String extension) throws IOException {
      return partFile((PathOutputCommitter) getOutputCommitter(context), context, extension);
    }
  }

  /** SequenceFile&lt;NullWritable, BytesWritable&gt; of serialized record chunks. */
  static final class Objects extends SequenceFileOutputFormat<NullWritable, BytesWritable> {
    @Override
    public Path getDefaultWorkFile(TaskAttemptContext context, String extension) throws IOException {
      return partFile((PathOutputCommitter) getOutputCommitter(context), context, extension);
    }
  }
}
