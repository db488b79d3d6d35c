package io.sluice.internal.io;

import io.sluice.api.Tuple2;
import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.TaskContext;
import io.sluice.internal.executor.TaskContextImpl;
import java.io.IOException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.util.ReflectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads files (or anything else) with a new-API Hadoop {@link InputFormat}: one partition per
 * input split. Splits are computed once on the driver; each executor opens a record reader on its
 * split. Hadoop readers reuse their key and value objects, so Writable records are copied unless
 * {@code copyRecords} is false (safe only when each record is converted before the next is read).
 */
public final class NewHadoopRDD<K, V> extends RDD<Tuple2<K, V>> {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(NewHadoopRDD.class);

  private final String paths;
  private final Class<? extends InputFormat<K, V>> format;
  private final Class<K> keyClass;
  private final Class<V> valueClass;
  private final int minPartitions;
  private final boolean copyRecords;
  // Shared with other RDDs made from the same configuration; input paths are set only on the
  // driver, when listing splits, as executors read nothing but their split.
  private final SerializableConfiguration conf;
  // Names the Hadoop job the task attempts belong to; readers may use it (e.g. for temporary files).
  private final String jobTrackerId;

  public NewHadoopRDD(SluiceContext sc, String paths, Class<? extends InputFormat<K, V>> format, Class<K> keyClass,
                      Class<V> valueClass, int minPartitions, Configuration conf) {
    this(sc, paths, format, keyClass, valueClass, minPartitions, conf, true);
  }

  /** @param paths comma-separated paths, directories or globs; {@code conf} is copied as it is now */
  public NewHadoopRDD(SluiceContext sc, String paths, Class<? extends InputFormat<K, V>> format, Class<K> keyClass,
                      Class<V> valueClass, int minPartitions, Configuration conf, boolean copyRecords) {
    super(sc);
    this.paths = paths;
    this.format = format;
    this.keyClass = keyClass;
    this.valueClass = valueClass;
    this.minPartitions = Math.max(1, minPartitions);
    this.copyRecords = copyRecords;
    this.conf = HadoopConfs.snapshot(conf);
    this.jobTrackerId = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).format(new Date());
  }

  public String paths() {
    return paths;
  }

  public Class<K> keyClass() {
    return keyClass;
  }

  public Class<V> valueClass() {
    return valueClass;
  }

  @Override
  protected Partition[] computePartitions() {
    List<InputSplit> splits = new HadoopSplits(paths, format, conf.value(), minPartitions).compute();
    Partition[] parts = new Partition[splits.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = HadoopSplitPartition.of(i, splits.get(i), conf.value());
    }
    log.debug("Input {} of RDD {}: {} splits", paths, id(), parts.length);
    return parts;
  }

  @Override
  protected Iterator<Tuple2<K, V>> compute(Partition split, TaskContext task) throws Exception {
    TaskContextImpl context = (TaskContextImpl) task;
    HadoopSplitPartition partition = (HadoopSplitPartition) split;
    Configuration taskConf = conf.value();
    InputSplit inputSplit = partition.split(taskConf);
    TaskAttemptID attempt = new TaskAttemptID(jobTrackerId, id(), TaskType.MAP, partition.index(),
        context.attemptNumber());
    TaskAttemptContext attemptContext = new TaskAttemptContextImpl(taskConf, attempt);
    InputFormat<K, V> inputFormat = ReflectionUtils.newInstance(format, attemptContext.getConfiguration());
    RecordReader<K, V> reader = inputFormat.createRecordReader(inputSplit, attemptContext);
    try {
      reader.initialize(inputSplit, attemptContext);
    } catch (IOException | RuntimeException e) {
      RecordReaderIterator.closeQuietly(reader, partition.description());
      throw new SluiceException("Cannot open input split " + partition.description() + ": " + e.getMessage(), e);
    }
    context.addCompletionListener(() -> RecordReaderIterator.closeQuietly(reader, partition.description()));
    return new RecordReaderIterator<>(reader, partition.description(), copyRecords ? taskConf : null);
  }
}
