package io.sluice.internal.streaming.dstream;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.io.HadoopFiles;
import io.sluice.internal.io.NewFileTracker;
import io.sluice.internal.io.NewHadoopRDD;
import io.sluice.internal.rdd.UnionRDD;
import io.sluice.streaming.Time;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.InputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What file streams share: watching one directory for files that appear after start, and reading
 * each batch's new files with a Hadoop InputFormat (one RDD per file, unioned).
 */
final class FileStreamSource<K, V> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(FileStreamSource.class);

  private final String directory;
  private final Class<K> keyClass;
  private final Class<V> valueClass;
  private final Class<? extends InputFormat<K, V>> format;
  private final boolean copyRecords;
  private final NewFileTracker tracker;

  FileStreamSource(SluiceContext sc, String directory, Class<K> keyClass, Class<V> valueClass,
                   Class<? extends InputFormat<K, V>> format, boolean copyRecords) {
    this.directory = directory;
    this.keyClass = keyClass;
    this.valueClass = valueClass;
    this.format = format;
    this.copyRecords = copyRecords;
    this.tracker = new NewFileTracker(directory, SluiceOptions.FILE_STREAM_REMEMBER_MS.get(sc.conf()), null);
  }

  /**
   * Fails unless the directory exists. On a first start, files present now are ignored from then
   * on; a tracker recovered from a checkpoint keeps what it had seen, so files that arrived while
   * the driver was down are read by the batches regenerated on recovery.
   */
  void start(SluiceContext sc) {
    FileSystem fs = fileSystem(sc);
    NewFileTracker.checkDirectory(fs, directory);
    if (!tracker.isInitialized()) {
      tracker.initialize(fs);
    }
  }

  /** @param realTime whether batch times are wall-clock times, so files can be matched to batches by time */
  RDD<Tuple2<K, V>> rddFor(Time time, SluiceContext sc, boolean realTime) {
    List<String> files = tracker.findNewFiles(fileSystem(sc), time.milliseconds(), realTime);
    if (files.isEmpty()) {
      return sc.emptyRDD();
    }
    log.info("New files at time {}: {}", time, files);
    List<RDD<Tuple2<K, V>>> perFile = new ArrayList<>(files.size());
    for (String file : files) {
      perFile.add(new NewHadoopRDD<>(sc, HadoopFiles.literalPath(file), format, keyClass, valueClass, 1, sc.hadoopConfiguration(),
          copyRecords));
    }
    return perFile.size() == 1 ? perFile.get(0) : new UnionRDD<>(sc, perFile);
  }

  void forgetBatchesBefore(Time time) {
    tracker.forgetBatchesBefore(time.milliseconds());
  }

  String directory() {
    return directory;
  }

  private FileSystem fileSystem(SluiceContext sc) {
    try {
      return new Path(directory).getFileSystem(sc.hadoopConfiguration());
    } catch (IOException e) {
      throw new SluiceException("Cannot open the file system of file stream directory " + directory + ": " + e, e);
    }
  }
}
