package io.sluice.internal.io;

import io.sluice.core.SluiceException;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.rdd.TaskFunction;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.OutputFormat;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.util.ReflectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor side of a Hadoop write: one task attempt writes its partition through the format's
 * record writer into the committer's per-attempt work directory, then commits the task (with
 * FileOutputCommitter: renames the attempt directory to the task's). A failed attempt is aborted,
 * and a later attempt of the same task gets its own directory and replaces any committed output of
 * an earlier one, so retries never mix files. Returns the number of pairs written.
 */
final class HadoopWriteTask<T> implements TaskFunction<T, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(HadoopWriteTask.class);

  private final SerializableConfiguration conf;
  private final String jobTrackerId;
  private final int jobNumber;
  @SuppressWarnings("rawtypes")
  private final Class<? extends OutputFormat> format;
  private final RecordSink<T> sink;
  private final String path;

  @SuppressWarnings("rawtypes")
  HadoopWriteTask(Configuration conf, String jobTrackerId, int jobNumber, Class<? extends OutputFormat> format,
                  RecordSink<T> sink, String path) {
    this.conf = new SerializableConfiguration(conf);
    this.jobTrackerId = jobTrackerId;
    this.jobNumber = jobNumber;
    this.format = format;
    this.sink = sink;
    this.path = path;
  }

  /** The attempt id Hadoop sees; its task number is the partition, so files are named after it. */
  static TaskAttemptID attemptId(String jobTrackerId, int jobNumber, int partition, int attempt) {
    return new TaskAttemptID(new TaskID(new JobID(jobTrackerId, jobNumber), TaskType.REDUCE, partition), attempt);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Long apply(TaskContextImpl context, Iterator<T> records) throws Exception {
    int partition = context.partitionId();
    TaskAttemptContext attempt = new TaskAttemptContextImpl(conf.value(),
        attemptId(jobTrackerId, jobNumber, partition, context.attemptNumber()));
    OutputFormat<Object, Object> outputFormat = ReflectionUtils.newInstance(format, attempt.getConfiguration());
    OutputCommitter committer;
    RecordWriter<Object, Object> writer = null;
    try {
      committer = outputFormat.getOutputCommitter(attempt);
      committer.setupTask(attempt);
    } catch (IOException e) {
      throw failure(partition, e);
    }
    try {
      writer = outputFormat.getRecordWriter(attempt);
      long written = sink.write(records, writer, context);
      RecordWriter<Object, Object> open = writer;
      writer = null; // closed below; not again on failure
      open.close(attempt);
      if (committer.needsTaskCommit(attempt)) {
        committer.commitTask(attempt);
      }
      log.debug("Wrote {} records of partition {} to {} (attempt {})", written, partition, path,
          attempt.getTaskAttemptID());
      return written;
    } catch (Throwable t) {
      abort(attempt, committer, writer, t);
      // Hadoop's I/O errors get the path; anything else (e.g. a user function's exception) passes unchanged.
      if (t instanceof IOException io) {
        throw failure(partition, io);
      }
      throw t;
    }
  }

  private static void abort(TaskAttemptContext attempt, OutputCommitter committer, RecordWriter<Object, Object> writer,
                            Throwable cause) {
    if (writer != null) {
      try {
        writer.close(attempt);
      } catch (Exception | LinkageError e) {
        cause.addSuppressed(e);
      }
    }
    try {
      committer.abortTask(attempt);
    } catch (Exception | LinkageError e) {
      cause.addSuppressed(e);
    }
  }

  private SluiceException failure(int partition, IOException e) {
    return new SluiceException("Failed to write partition " + partition + " of " + path + ": " + e.getMessage(), e);
  }
}
