package io.sluice.internal.io;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/**
 * Reading files on any Hadoop FileSystem into RDDs. Paths may be files, directories (their files
 * whose names do not start with {@code _} or {@code .} are read) or globs, several separated by
 * commas. A missing path fails with "Input path does not exist: ..." when the RDD's partitions are
 * first computed (at the first job).
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** The lines of the files, UTF-8, without line terminators ({@code \n}, {@code \r\n} or {@code \r}). */
  public static RDD<String> textFile(SluiceContext sc, String path, int minPartitions) {
    // Each line is turned into a String before the next is read, so the reused Text needs no copy.
    NewHadoopRDD<LongWritable, Text> lines = new NewHadoopRDD<>(sc, path, TextInputFormat.class, LongWritable.class,
        Text.class, minPartitions, sc.hadoopConfiguration(), false);
    return lines.map(kv -> kv._2().toString());
  }

  /** The records written by {@link FileOutputs#saveAsObjectFile}, in their original order. */
  public static <T> RDD<T> objectFile(SluiceContext sc, String path, int minPartitions) {
    Class<? extends InputFormat<NullWritable, BytesWritable>> format = sequenceFileFormat();
    return new ObjectFileRDD<>(new NewHadoopRDD<>(sc, path, format, NullWritable.class, BytesWritable.class,
        minPartitions, sc.hadoopConfiguration(), false));
  }

  /**
   * Key-value pairs read with any new-API InputFormat; Writable keys and values are copied, as
   * Hadoop readers reuse them. The format is a raw class so that generic formats such as
   * {@code SequenceFileInputFormat.class} can be passed as they are.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static <K, V> PairRDD<K, V> hadoopFile(SluiceContext sc, String path, Class<? extends InputFormat> format,
                                                Class<K> keyClass, Class<V> valueClass, int minPartitions) {
    Class<? extends InputFormat<K, V>> typed = (Class<? extends InputFormat<K, V>>) (Class) format;
    RDD<Tuple2<K, V>> pairs = new NewHadoopRDD<>(sc, path, typed, keyClass, valueClass, minPartitions,
        sc.hadoopConfiguration(), true);
    return PairRDD.fromRDD(pairs);
  }

  /** The pairs of SequenceFiles whose keys and values are Writables of the given classes (copied). */
  public static <K, V> PairRDD<K, V> sequenceFile(SluiceContext sc, String path, Class<K> keyClass,
                                                  Class<V> valueClass, int minPartitions) {
    return hadoopFile(sc, path, SequenceFileInputFormat.class, keyClass, valueClass, minPartitions);
  }

  /**
   * {@code path} escaped so that reading it reads exactly that file or directory even when its name
   * holds glob characters ({@code * ? [ ] { } \}) or commas, which would otherwise make it a
   * pattern or several paths. For paths that come from a listing, such as a file stream's new files.
   */
  public static String literalPath(String path) {
    StringBuilder escaped = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      switch (c) {
        case '*', '?', '[', ']', '{', '}', '\\' -> escaped.append('\\').append(c);
        // A comma separates paths except inside braces: a one-alternative group holding an escaped comma.
        case ',' -> escaped.append("{\\,}");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static <K, V> Class<? extends InputFormat<K, V>> sequenceFileFormat() {
    return (Class<? extends InputFormat<K, V>>) (Class) SequenceFileInputFormat.class;
  }
}
