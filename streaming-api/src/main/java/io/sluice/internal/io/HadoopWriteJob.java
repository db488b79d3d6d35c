package io.sluice.internal.io;

import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import java.io.IOException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.FileAlreadyExistsException;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.OutputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.util.ReflectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of writing an RDD with a new-API Hadoop OutputFormat: checks the output, sets up
 * the job with the format's committer, runs one {@link HadoopWriteTask} per partition and commits
 * the job (FileOutputCommitter: moves every committed task's files into the output directory, then
 * writes {@code _SUCCESS}). On failure the job is aborted and its temporary files are removed.
 */
final class HadoopWriteJob {
  private static final Logger log = LoggerFactory.getLogger(HadoopWriteJob.class);

  private HadoopWriteJob() {}

  /**
   * @param validateOutputSpecs whether an existing output directory (and the format's other output
   *     checks) fail the write before anything runs; when false, files are added to the directory,
   *     replacing files of the same name, as re-running a batch after recovery needs
   */
  @SuppressWarnings("rawtypes")
  static <T> void run(RDD<T> rdd, String path, Class<?> keyClass, Class<?> valueClass,
                      Class<? extends OutputFormat> format, boolean validateOutputSpecs, RecordSink<T> sink) {
    Configuration conf = jobConfiguration(rdd.context().hadoopConfiguration(), path, keyClass, valueClass, format);
    Path output = new Path(conf.get(FileOutputFormat.OUTDIR));
    FileSystem fs = HadoopConfs.fileSystem(output, conf);
    boolean existed = exists(fs, output);
    if (validateOutputSpecs && existed) {
      throw new SluiceException("Output directory " + path + " already exists");
    }
    String jobTrackerId = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).format(new Date());
    JobContext job = new JobContextImpl(conf, new JobID(jobTrackerId, rdd.id()));
    OutputFormat<?, ?> outputFormat = ReflectionUtils.newInstance(format, conf);
    OutputCommitter committer;
    try {
      if (validateOutputSpecs) {
        outputFormat.checkOutputSpecs(job);
      } else {
        // A re-run must not leave the marker of the previous run visible while files are replaced.
        fs.delete(new Path(output, FileOutputCommitter.SUCCEEDED_FILE_NAME), false);
      }
      committer = outputFormat.getOutputCommitter(new TaskAttemptContextImpl(conf,
          HadoopWriteTask.attemptId(jobTrackerId, rdd.id(), 0, 0)));
      committer.setupJob(job);
    } catch (FileAlreadyExistsException e) {
      throw new SluiceException("Output directory " + path + " already exists", e);
    } catch (IOException | InterruptedException e) {
      throw new SluiceException("Cannot prepare writing " + path + ": " + e.getMessage(), e);
    }
    try {
      List<Long> written = Internals.context().runJob(rdd.context(), rdd,
          new HadoopWriteTask<>(conf, jobTrackerId, rdd.id(), format, sink, path));
      committer.commitJob(job);
      log.info("Wrote {} records in {} partitions of RDD {} to {}",
          written.stream().mapToLong(Long::longValue).sum(), written.size(), rdd.id(), path);
    } catch (IOException e) {
      abort(committer, job, fs, output, existed, e);
      throw new SluiceException("Failed to commit the output of " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      abort(committer, job, fs, output, existed, e);
      throw e;
    }
  }

  @SuppressWarnings("rawtypes")
  private static Configuration jobConfiguration(Configuration base, String path, Class<?> keyClass,
                                                Class<?> valueClass, Class<? extends OutputFormat> format) {
    try {
      Job job = Job.getInstance(base); // copies base, which stays untouched
      job.setOutputKeyClass(keyClass);
      job.setOutputValueClass(valueClass);
      job.setOutputFormatClass(format);
      FileOutputFormat.setOutputPath(job, new Path(path));
      Configuration conf = job.getConfiguration();
      // Hadoop 3 defaults to algorithm 2, which moves task output into place at task commit; a
      // reader could then see part files of a job that later fails. Algorithm 1 moves everything
      // at job commit, so the directory only gains files together with _SUCCESS.
      String version = FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION;
      if (!setByUser(conf, version)) {
        conf.setInt(version, 1);
      }
      return conf;
    } catch (IOException | IllegalArgumentException e) {
      throw new SluiceException("Invalid output path " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether a key's value comes from somewhere other than Hadoop's bundled *-default.xml files. */
  private static boolean setByUser(Configuration conf, String key) {
    String[] sources = conf.getPropertySources(key);
    if (sources == null) {
      return false;
    }
    for (String source : sources) {
      if (!source.endsWith("-default.xml")) {
        return true;
      }
    }
    return false;
  }

  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new SluiceException("Cannot check output path " + path + ": " + e.getMessage(), e);
    }
  }

  private static void abort(OutputCommitter committer, JobContext job, FileSystem fs, Path output, boolean existed,
                            Throwable cause) {
    try {
      committer.abortJob(job, JobStatus.State.FAILED);
      // Setting up the job created the directory; a failed first write should leave no trace.
      if (!existed && fs.exists(output) && fs.listStatus(output).length == 0) {
        fs.delete(output, false);
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
