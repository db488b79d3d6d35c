package io.sluice.internal.io;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.serializer.SerializationStream;
import io.sluice.internal.serializer.Serializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.RecordWriter;

/**
 * Writing RDDs to any Hadoop FileSystem. Every write is one job committed as a whole: tasks write
 * under {@code <path>/_temporary/}, and only when every task has succeeded are the files moved to
 * {@code <path>/} and the empty {@code <path>/_SUCCESS} marker written, so a reader that waits for
 * {@code _SUCCESS} never sees partial output. By default an existing {@code path} is an error,
 * raised before anything runs.
 */
public final class FileOutputs {
  /** Records per SequenceFile value in object files: small enough to stream, large enough to amortize headers. */
  static final int OBJECT_FILE_CHUNK = 10;

  private FileOutputs() {}

  /** One {@code part-NNNNN} file per partition holding each record's {@code String.valueOf} as a UTF-8 line. */
  public static void saveAsTextFile(RDD<?> rdd, String path) {
    saveAsTextFile(rdd, path, true);
  }

  /** @param validateOutputSpecs false to write into an existing directory (see {@link HadoopWriteJob#run}) */
  @SuppressWarnings("serial") // its serializable lambda calls a private helper of this internal class: nothing to hide
  public static void saveAsTextFile(RDD<?> rdd, String path, boolean validateOutputSpecs) {
    HadoopWriteJob.run(rdd, path, NullWritable.class, Text.class, PartFileFormats.Lines.class, validateOutputSpecs,
        FileOutputs::writeLines);
  }

  /**
   * One {@code part-NNNNN} SequenceFile&lt;NullWritable, BytesWritable&gt; per partition; each value
   * holds up to {@value #OBJECT_FILE_CHUNK} records written with the data serializer
   * ({@code sluice.serializer}, Kryo by default). Read back with {@code SluiceContext.objectFile},
   * with the same serializer settings.
   */
  public static void saveAsObjectFile(RDD<?> rdd, String path) {
    saveAsObjectFile(rdd, path, true);
  }

  @SuppressWarnings("serial") // its serializable lambda calls a private helper of this internal class: nothing to hide
  public static void saveAsObjectFile(RDD<?> rdd, String path, boolean validateOutputSpecs) {
    HadoopWriteJob.run(rdd, path, NullWritable.class, BytesWritable.class, PartFileFormats.Objects.class,
        validateOutputSpecs, FileOutputs::writeObjectChunks);
  }

  /**
   * Writes each pair with a new-API OutputFormat, e.g. TextOutputFormat ({@code key<TAB>value}
   * lines) or SequenceFileOutputFormat (keys and values must then be instances of exactly
   * {@code keyClass} and {@code valueClass}). Files are named by the format, e.g. {@code part-r-00000}.
   */
  @SuppressWarnings("rawtypes")
  public static void saveAsHadoopFile(PairRDD<?, ?> rdd, String path, Class<?> keyClass, Class<?> valueClass,
                                      Class<? extends org.apache.hadoop.mapreduce.OutputFormat> format) {
    saveAsHadoopFile(rdd, path, keyClass, valueClass, format, true);
  }

  @SuppressWarnings({"rawtypes", "serial"}) // raw: API.md's signature; serial: see saveAsTextFile
  public static void saveAsHadoopFile(PairRDD<?, ?> rdd, String path, Class<?> keyClass, Class<?> valueClass,
                                      Class<? extends org.apache.hadoop.mapreduce.OutputFormat> format,
                                      boolean validateOutputSpecs) {
    @SuppressWarnings("unchecked")
    RDD<Tuple2<Object, Object>> pairs = (RDD<Tuple2<Object, Object>>) (RDD<?>) rdd;
    HadoopWriteJob.run(pairs, path, keyClass, valueClass, format, validateOutputSpecs, FileOutputs::writePairs);
  }

  private static long writeLines(Iterator<?> records, RecordWriter<Object, Object> out, TaskContextImpl context)
      throws IOException, InterruptedException {
    Text line = new Text(); // TextOutputFormat writes the bytes at once, so one Text serves every record
    long n = 0;
    while (records.hasNext()) {
      line.set(String.valueOf(records.next()));
      out.write(NullWritable.get(), line);
      n++;
    }
    return n;
  }

  private static long writePairs(Iterator<Tuple2<Object, Object>> records, RecordWriter<Object, Object> out,
                                 TaskContextImpl context) throws IOException, InterruptedException {
    long n = 0;
    while (records.hasNext()) {
      Tuple2<Object, Object> kv = records.next();
      out.write(kv._1(), kv._2());
      n++;
    }
    return n;
  }

  private static long writeObjectChunks(Iterator<?> records, RecordWriter<Object, Object> out,
                                        TaskContextImpl context) throws IOException, InterruptedException {
    Serializer serializer = context.env().dataSerializer();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    BytesWritable value = new BytesWritable();
    long n = 0;
    while (records.hasNext()) {
      buffer.reset();
      try (SerializationStream chunk = serializer.serializeStream(buffer)) {
        for (int i = 0; i < OBJECT_FILE_CHUNK && records.hasNext(); i++) {
          chunk.writeObject(records.next());
          n++;
        }
      }
      byte[] bytes = buffer.toByteArray();
      value.set(bytes, 0, bytes.length);
      out.write(NullWritable.get(), value);
    }
    return n;
  }
}
