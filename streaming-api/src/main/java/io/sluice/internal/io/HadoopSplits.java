package io.sluice.internal.io;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.InvalidInputException;
import org.apache.hadoop.util.ReflectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks an InputFormat for its splits on the driver. For file formats it first checks that every
 * input path exists (so the error names the path instead of being a Hadoop exception) and honours
 * a minimum number of partitions by capping the split size at {@code totalBytes / minPartitions},
 * which is what {@code mapreduce.input.fileinputformat.split.maxsize} would do if set by hand.
 */
final class HadoopSplits {
  private static final Logger log = LoggerFactory.getLogger(HadoopSplits.class);

  private final String paths;
  private final Class<? extends InputFormat<?, ?>> format;
  private final Configuration conf;
  private final int minPartitions;

  HadoopSplits(String paths, Class<? extends InputFormat<?, ?>> format, Configuration conf, int minPartitions) {
    this.paths = paths;
    this.format = format;
    this.conf = conf;
    this.minPartitions = minPartitions;
  }

  List<InputSplit> compute() {
    Job job = newJob(); // a copy: input paths and the split-size cap stay out of the RDD's configuration
    boolean fileBased = FileInputFormat.class.isAssignableFrom(format);
    if (fileBased) {
      checkInputsExist(job);
    }
    List<InputSplit> splits = splits(job);
    if (fileBased && splits.size() < minPartitions) {
      long total = totalLength(splits);
      long cap = Math.max(1, (total + minPartitions - 1) / minPartitions);
      if (total > 0 && cap < FileInputFormat.getMaxSplitSize(job)) {
        log.debug("Input {}: {} splits for {} bytes, fewer than {} partitions; capping the split size at {} bytes",
            paths, splits.size(), total, minPartitions, cap);
        FileInputFormat.setMaxInputSplitSize(job, cap);
        splits = splits(job);
      }
    }
    return inFileOrder(splits);
  }

  /**
   * File splits sorted by path and offset: listing order varies between file systems, and sorted
   * part files keep a saved RDD's record order when it is read back.
   */
  private static List<InputSplit> inFileOrder(List<InputSplit> splits) {
    for (InputSplit split : splits) {
      if (!(split instanceof FileSplit)) {
        return splits;
      }
    }
    List<InputSplit> sorted = new ArrayList<>(splits);
    sorted.sort(Comparator.comparing((InputSplit s) -> ((FileSplit) s).getPath().toString())
        .thenComparingLong(s -> ((FileSplit) s).getStart()));
    return sorted;
  }

  private Job newJob() {
    try {
      Job job = Job.getInstance(conf);
      if (paths != null && !paths.isEmpty()) {
        // Parses the comma-separated list (commas inside {a,b} globs stay) and qualifies each path.
        FileInputFormat.setInputPaths(job, paths);
      }
      return job;
    } catch (IOException | IllegalArgumentException e) {
      throw new SluiceException("Invalid input path " + paths + ": " + e.getMessage(), e);
    }
  }

  private static void checkInputsExist(Job job) {
    Path[] inputs = FileInputFormat.getInputPaths(job);
    if (inputs.length == 0) {
      throw new SluiceException("No input path given");
    }
    for (Path input : inputs) {
      FileStatus[] matches;
      try {
        matches = HadoopConfs.fileSystem(input, job.getConfiguration()).globStatus(input);
      } catch (IOException e) {
        throw new SluiceException("Cannot list input path " + input + ": " + e.getMessage(), e);
      }
      if (matches == null) {
        throw new SluiceException("Input path does not exist: " + input);
      }
      if (matches.length == 0) {
        throw new SluiceException("Input path does not exist: " + input + " (the pattern matches no files)");
      }
    }
  }

  private List<InputSplit> splits(Job job) {
    InputFormat<?, ?> inputFormat = ReflectionUtils.newInstance(format, job.getConfiguration());
    try {
      return inputFormat.getSplits(job);
    } catch (InvalidInputException e) {
      // A path vanished after the check above, or the format found another problem: report the first.
      String first = e.getProblems().isEmpty() ? e.getMessage() : e.getProblems().get(0).getMessage();
      throw new SluiceException(first, e);
    } catch (IOException e) {
      throw new SluiceException("Cannot compute input splits of " + paths + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while computing input splits of " + paths, e);
    }
  }

  private long totalLength(List<InputSplit> splits) {
    long total = 0;
    try {
      for (InputSplit split : splits) {
        total += split.getLength();
      }
    } catch (IOException e) {
      throw new SluiceException("Cannot size input splits of " + paths + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while sizing input splits of " + paths, e);
    }
    return total;
  }
}
