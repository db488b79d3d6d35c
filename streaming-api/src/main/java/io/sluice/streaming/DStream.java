package io.sluice.streaming;

import io.sluice.api.Tuple2;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import io.sluice.api.function.Function3;
import io.sluice.api.function.PairFlatMapFunction;
import io.sluice.api.function.PairFunction;
import io.sluice.api.function.VoidFunction;
import io.sluice.api.function.VoidFunction2;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import io.sluice.core.StorageLevel;
import io.sluice.internal.io.ExactlyOnceTextFiles;
import io.sluice.internal.io.FileOutputs;
import io.sluice.internal.streaming.dstream.DStreamOps;
import io.sluice.internal.streaming.dstream.DerivedDStream;
import io.sluice.internal.streaming.dstream.ForEachDStream;
import io.sluice.internal.streaming.dstream.TransformedDStream;
import io.sluice.internal.streaming.dstream.UnionDStream;
import io.sluice.internal.streaming.dstream.WindowedDStream;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * A discretized stream: a sequence of RDDs, one per slide interval, each holding the data of that
 * interval. Transformations define new DStreams; output operations register work to run for
 * every batch. All of them must be called before the context starts, on the driver.
 *
 * <p>The generation machinery (compute, remember, cleanup) lives in {@link DStreamBase}.
 */
public abstract class DStream<T> extends DStreamBase<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  protected DStream(StreamingContext ssc) {
    super(ssc);
  }

  public StreamingContext context() {
    return ssc();
  }

  /** How often this stream produces an RDD: the batch interval, or a window's slide. */
  @Override
  public abstract Duration slideDuration();

  // ---------------------------------------------------------------- per-batch transformations

  public <R> DStream<R> map(Function<T, R> f) {
    return new DerivedDStream<>(this, "map", rdd -> rdd.map(f));
  }

  public <R> DStream<R> flatMap(FlatMapFunction<T, R> f) {
    return new DerivedDStream<>(this, "flatMap", rdd -> rdd.flatMap(f));
  }

  public DStream<T> filter(Function<T, Boolean> f) {
    return new DerivedDStream<>(this, "filter", rdd -> rdd.filter(f));
  }

  public <R> DStream<R> mapPartitions(FlatMapFunction<Iterator<T>, R> f) {
    return new DerivedDStream<>(this, "mapPartitions", rdd -> rdd.mapPartitions(f));
  }

  public <K, V> PairDStream<K, V> mapToPair(PairFunction<T, K, V> f) {
    return PairDStream.fromDStream(new DerivedDStream<T, Tuple2<K, V>>(this, "mapToPair", rdd -> rdd.mapToPair(f)));
  }

  public <K, V> PairDStream<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> f) {
    return PairDStream.fromDStream(new DerivedDStream<T, Tuple2<K, V>>(this, "flatMapToPair",
        rdd -> rdd.flatMapToPair(f)));
  }

  public DStream<T> repartition(int numPartitions) {
    return new DerivedDStream<>(this, "repartition", rdd -> rdd.repartition(numPartitions));
  }

  public DStream<List<T>> glom() {
    return new DerivedDStream<>(this, "glom", RDD::glom);
  }

  public DStream<T> union(DStream<T> other) {
    return new UnionDStream<>(List.of(this, other));
  }

  /** One element per batch: the number of records in it (0 for an empty batch). */
  public DStream<Long> count() {
    return new DerivedDStream<>(this, "count", DStreamOps::countRecords);
  }

  /** At most one element per batch: all records reduced with {@code f} (none for an empty batch). */
  public DStream<T> reduce(Function2<T, T, T> f) {
    return new DerivedDStream<>(this, "reduce", rdd -> DStreamOps.reduceToOne(rdd, f));
  }

  public PairDStream<T, Long> countByValue() {
    return countByValue(context().sluiceContext().defaultParallelism());
  }

  public PairDStream<T, Long> countByValue(int numPartitions) {
    return mapToPair(x -> new Tuple2<>(x, 1L)).reduceByKey(Long::sum, numPartitions);
  }

  public <R> DStream<R> transform(Function<RDD<T>, RDD<R>> f) {
    return transform((rdd, time) -> f.call(rdd));
  }

  /** Applies an arbitrary RDD-to-RDD function to each batch; it runs on the driver at batch time. */
  @SuppressWarnings("unchecked")
  public <R> DStream<R> transform(Function2<RDD<T>, Time, RDD<R>> f) {
    return new TransformedDStream<>(List.of(this), (rdds, time) -> f.call((RDD<T>) rdds.get(0), time));
  }

  public <K, V> PairDStream<K, V> transformToPair(Function<RDD<T>, PairRDD<K, V>> f) {
    return transformToPair((rdd, time) -> f.call(rdd));
  }

  public <K, V> PairDStream<K, V> transformToPair(Function2<RDD<T>, Time, PairRDD<K, V>> f) {
    return PairDStream.fromDStream(this.<Tuple2<K, V>>transform((rdd, time) -> f.call(rdd, time)));
  }

  @SuppressWarnings("unchecked")
  public <U, R> DStream<R> transformWith(DStream<U> other, Function3<RDD<T>, RDD<U>, Time, RDD<R>> f) {
    return new TransformedDStream<>(List.of(this, other),
        (rdds, time) -> f.call((RDD<T>) rdds.get(0), (RDD<U>) rdds.get(1), time));
  }

  // ---------------------------------------------------------------- windows

  public DStream<T> window(Duration windowLength) {
    return window(windowLength, slideDuration());
  }

  /** Every {@code slideInterval}, the union of the last {@code windowLength} of this stream. */
  public DStream<T> window(Duration windowLength, Duration slideInterval) {
    return new WindowedDStream<>(this, windowLength, slideInterval);
  }

  public DStream<Long> countByWindow(Duration windowLength, Duration slideInterval) {
    return map(x -> 1L).reduceByWindow(Long::sum, (a, b) -> a - b, windowLength, slideInterval);
  }

  public DStream<T> reduceByWindow(Function2<T, T, T> f, Duration windowLength, Duration slideInterval) {
    return reduce(f).window(windowLength, slideInterval).reduce(f);
  }

  /** Incremental window reduce: adds the slide that enters and "subtracts" with {@code invF} the one that leaves. */
  public DStream<T> reduceByWindow(Function2<T, T, T> f, Function2<T, T, T> invF, Duration windowLength,
                                   Duration slideInterval) {
    return DStreamOps.reduceByWindow(this, f, invF, windowLength, slideInterval);
  }

  public PairDStream<T, Long> countByValueAndWindow(Duration windowLength, Duration slideInterval) {
    return countByValueAndWindow(windowLength, slideInterval, context().sluiceContext().defaultParallelism());
  }

  public PairDStream<T, Long> countByValueAndWindow(Duration windowLength, Duration slideInterval,
                                                    int numPartitions) {
    return mapToPair(x -> new Tuple2<>(x, 1L)).reduceByKeyAndWindow(Long::sum, (a, b) -> a - b, windowLength,
        slideInterval, numPartitions, kv -> kv._2() != 0L);
  }

  // ---------------------------------------------------------------- persistence and checkpointing

  /** Persists every RDD this stream generates at {@code level}. */
  public DStream<T> persist(StorageLevel level) {
    setStorageLevel(level);
    return this;
  }

  /** Persists at MEMORY_ONLY_SER, the streaming default. */
  public DStream<T> persist() {
    return persist(StorageLevel.MEMORY_ONLY_SER);
  }

  public DStream<T> cache() {
    return persist();
  }

  /** Checkpoints this stream's RDDs every {@code interval} (a multiple of the slide), cutting their lineage. */
  public DStream<T> checkpoint(Duration interval) {
    setCheckpointInterval(interval);
    return this;
  }

  /** The RDDs of this stream for every slide from {@code from} to {@code to}, both included. */
  public List<RDD<T>> slice(Time from, Time to) {
    return sliceRdds(from, to);
  }

  // ---------------------------------------------------------------- output operations

  /** Prints the first ten records of every batch, after a header with the batch time. */
  public void print() {
    print(10);
  }

  public void print(int num) {
    context().checkDefinable("add an output operation (print)");
    new ForEachDStream<>(this, "print", (rdd, time) -> DStreamOps.printBatch(rdd, time, num)).register();
  }

  public void foreachRDD(VoidFunction<RDD<T>> f) {
    foreachRDD((rdd, time) -> f.call(rdd));
  }

  /** Runs {@code f} on the driver for every batch; actions inside it run as the batch's job. */
  public void foreachRDD(VoidFunction2<RDD<T>, Time> f) {
    context().checkDefinable("add an output operation (foreachRDD)");
    new ForEachDStream<>(this, "foreachRDD", f).register();
  }

  /**
   * Writes each batch as text to the directory {@code prefix-TIME_IN_MS}. A batch that runs again
   * (after a restart) writes over its directory, as Spark Streaming does.
   */
  public void saveAsTextFiles(String prefix) {
    saveAsTextFiles(prefix, "");
  }

  /** Writes each batch as text to the directory {@code prefix-TIME_IN_MS.suffix}. */
  public void saveAsTextFiles(String prefix, String suffix) {
    context().checkDefinable("add an output operation (saveAsTextFiles)");
    new ForEachDStream<T>(this, "saveAsTextFiles",
        (rdd, time) -> FileOutputs.saveAsTextFile(rdd, DStreamOps.batchFileName(prefix, suffix, time), false))
        .register();
  }

  public void saveAsTextFilesExactlyOnce(String prefix) {
    saveAsTextFilesExactlyOnce(prefix, "");
  }

  /**
   * Writes each batch as text to the directory {@code prefix-TIME_IN_MS.suffix}, like
   * {@link #saveAsTextFiles(String, String)}, so that a batch written again replaces its output
   * instead of adding to it: the output operation of the guide's "transactional updates", keyed by
   * batch time and partition.
   *
   * <p>The guarantee: partition {@code i} of the batch at time {@code T} is the file
   * {@code part-i} (five digits) of that batch's directory, holding one line per record
   * ({@code String.valueOf}). It is written to a temporary file and then renamed into place in one
   * step that replaces any file of the same name (atomic on HDFS), so a reader sees a file whole,
   * from one run of the batch, or not at all (on the local file system the replacement is a delete
   * and a rename, so a reader racing a rerun may briefly miss a file). When every partition is in place, files of partitions
   * the batch no longer has are deleted and {@code _SUCCESS} is written; it is removed before a
   * batch is written again. A batch that runs again (a task retry, or a batch regenerated after a
   * driver failure) therefore leaves exactly one copy of its output. With an input that gives a
   * regenerated batch the same records (the Kafka direct stream, file streams), the directories
   * with {@code _SUCCESS} hold every record exactly once: end-to-end exactly-once output.
   *
   * <p>A write error fails its task, which is retried; then the batch's output operation fails with
   * a {@code SluiceException} naming the directory, and later batches still run.
   *
   * <p>Not covered: readers that list a directory without waiting for {@code _SUCCESS} may see
   * some partitions of a new run beside some of the old one while a batch is rewritten (each
   * file is whole); a batch whose input differs when it is regenerated (e.g. a socket stream
   * without the write-ahead log) is replaced with the new content.
   */
  public void saveAsTextFilesExactlyOnce(String prefix, String suffix) {
    context().checkDefinable("add an output operation (saveAsTextFilesExactlyOnce)");
    new ForEachDStream<T>(this, "saveAsTextFilesExactlyOnce",
        (rdd, time) -> ExactlyOnceTextFiles.write(rdd, DStreamOps.batchFileName(prefix, suffix, time)))
        .register();
  }

  public void saveAsObjectFiles(String prefix) {
    saveAsObjectFiles(prefix, "");
  }

  public void saveAsObjectFiles(String prefix, String suffix) {
    context().checkDefinable("add an output operation (saveAsObjectFiles)");
    new ForEachDStream<T>(this, "saveAsObjectFiles",
        (rdd, time) -> FileOutputs.saveAsObjectFile(rdd, DStreamOps.batchFileName(prefix, suffix, time), false))
        .register();
  }
}
