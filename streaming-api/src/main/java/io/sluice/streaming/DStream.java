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
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.io.ExactlyOnceTextFiles;
import io.sluice.internal.io.FileOutputs;
import io.sluice.internal.streaming.dstream.DStreamOps;
import io.sluice.internal.streaming.dstream.DerivedDStream;
import io.sluice.internal.streaming.dstream.ForEachDStream;
import io.sluice.internal.streaming.dstream.TransformedDStream;
import io.sluice.internal.streaming.dstream.UnionDStream;
import io.sluice.internal.streaming.dstream.WindowedDStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A discretized stream: a sequence of RDDs, one per slide interval, each holding the data of that
 * interval. Transformations define new DStreams; output operations register work to run for
 * every batch. All of them must be called before the context starts, on the driver.
 *
 * <p>A new kind of stream extends this class and implements {@link #slideDuration()},
 * {@link #dependencies()} and {@link #compute(Time)}; Sluice calls them on the driver.
 */
public abstract class DStream<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  static {
    Internals.install(new DStreamInternals());
  }

  private static final long DEFAULT_CHECKPOINT_MS = 10_000;
  private static final Logger log = LoggerFactory.getLogger(DStream.class);

  private transient StreamingContext ssc;
  private final GeneratedRdds<T> generated = new GeneratedRdds<>();
  private Time zeroTime;
  private Duration rememberDuration;
  private StorageLevel storageLevel = StorageLevel.NONE;
  private Duration checkpointInterval;

  /**
   * A stream of {@code ssc}; streams can only be created before the context starts.
   *
   * @param ssc the context this stream belongs to
   */
  protected DStream(StreamingContext ssc) {
    this.ssc = ssc;
    ssc.checkDefinable("create a new DStream");
  }

  /** The context this stream belongs to (only on the driver). */
  public StreamingContext context() {
    return ssc();
  }

  /**
   * How often this stream produces an RDD: the batch interval, or a window's slide.
   *
   * @return the slide duration
   */
  public abstract Duration slideDuration();

  /**
   * The streams this one is computed from (none for input streams). Called by Sluice on the driver.
   *
   * @return the parent streams
   */
  protected abstract List<DStream<?>> dependencies();

  /**
   * The RDD of this stream for a valid batch time, or empty when it has nothing at that time.
   * Called by Sluice on the driver, at most once per time (results are remembered); read parents'
   * RDDs with {@link #slice} or by keeping references, never by computing them again.
   *
   * @param validTime a time that is a whole number of slides after the stream's zero time
   * @return the RDD at {@code validTime}, if any
   */
  protected abstract Optional<RDD<T>> compute(Time validTime);

  /**
   * How long the parents must remember their RDDs for this stream; windows need their length
   * more than the default (this stream's own remember duration).
   *
   * @return the duration parents must remember
   */
  protected Duration parentRememberDuration() {
    return rememberDuration;
  }

  /**
   * Whether this stream keeps state across batches and so must be checkpointed (state, windows
   * with an inverse function); false by default.
   *
   * @return true when the stream must be checkpointed
   */
  protected boolean mustCheckpoint() {
    return false;
  }

  // ---------------------------------------------------------------- per-batch transformations

  /** Each record transformed by {@code f}, batch by batch. */
  public <R> DStream<R> map(Function<T, R> f) {
    return new DerivedDStream<>(this, "map", rdd -> rdd.map(f));
  }

  /** Each record transformed into zero or more records. */
  public <R> DStream<R> flatMap(FlatMapFunction<T, R> f) {
    return new DerivedDStream<>(this, "flatMap", rdd -> rdd.flatMap(f));
  }

  /** The records for which {@code f} returns true. */
  public DStream<T> filter(Function<T, Boolean> f) {
    return new DerivedDStream<>(this, "filter", rdd -> rdd.filter(f));
  }

  /** Each partition of each batch transformed as a whole by {@code f}. */
  public <R> DStream<R> mapPartitions(FlatMapFunction<Iterator<T>, R> f) {
    return new DerivedDStream<>(this, "mapPartitions", rdd -> rdd.mapPartitions(f));
  }

  /** Each record transformed into a key-value pair. */
  public <K, V> PairDStream<K, V> mapToPair(PairFunction<T, K, V> f) {
    return PairDStream.fromDStream(new DerivedDStream<T, Tuple2<K, V>>(this, "mapToPair", rdd -> rdd.mapToPair(f)));
  }

  /** Each record transformed into zero or more key-value pairs. */
  public <K, V> PairDStream<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> f) {
    return PairDStream.fromDStream(new DerivedDStream<T, Tuple2<K, V>>(this, "flatMapToPair",
        rdd -> rdd.flatMapToPair(f)));
  }

  /** Each batch spread over {@code numPartitions} partitions through a shuffle. */
  public DStream<T> repartition(int numPartitions) {
    return new DerivedDStream<>(this, "repartition", rdd -> rdd.repartition(numPartitions));
  }

  /** Each partition of each batch as one list. */
  public DStream<List<T>> glom() {
    return new DerivedDStream<>(this, "glom", RDD::glom);
  }

  /** The records of this stream and of {@code other} (same slide), batch by batch. */
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

  /** How often each distinct record occurs in each batch. */
  public PairDStream<T, Long> countByValue() {
    return countByValue(context().sluiceContext().defaultParallelism());
  }

  /** How often each distinct record occurs in each batch, in {@code numPartitions} partitions. */
  public PairDStream<T, Long> countByValue(int numPartitions) {
    return mapToPair(x -> new Tuple2<>(x, 1L)).reduceByKey(Long::sum, numPartitions);
  }

  /** Each batch's RDD transformed by {@code f}, which runs on the driver at every batch. */
  public <R> DStream<R> transform(Function<RDD<T>, RDD<R>> f) {
    return transform((rdd, time) -> f.call(rdd));
  }

  /** Applies an arbitrary RDD-to-RDD function to each batch; it runs on the driver at batch time. */
  @SuppressWarnings("unchecked")
  public <R> DStream<R> transform(Function2<RDD<T>, Time, RDD<R>> f) {
    return new TransformedDStream<>(List.of(this), (rdds, time) -> f.call((RDD<T>) rdds.get(0), time));
  }

  /** Each batch's RDD transformed into a pair RDD by {@code f}, on the driver. */
  public <K, V> PairDStream<K, V> transformToPair(Function<RDD<T>, PairRDD<K, V>> f) {
    return transformToPair((rdd, time) -> f.call(rdd));
  }

  /** Each batch's RDD and time transformed into a pair RDD by {@code f}, on the driver. */
  public <K, V> PairDStream<K, V> transformToPair(Function2<RDD<T>, Time, PairRDD<K, V>> f) {
    return PairDStream.fromDStream(this.<Tuple2<K, V>>transform((rdd, time) -> f.call(rdd, time)));
  }

  /** The RDDs of this stream and of {@code other} at each batch time combined by {@code f}, on the driver. */
  @SuppressWarnings("unchecked")
  public <U, R> DStream<R> transformWith(DStream<U> other, Function3<RDD<T>, RDD<U>, Time, RDD<R>> f) {
    return new TransformedDStream<>(List.of(this, other),
        (rdds, time) -> f.call((RDD<T>) rdds.get(0), (RDD<U>) rdds.get(1), time));
  }

  // ---------------------------------------------------------------- windows

  /** At every batch, the records of the last {@code windowLength} (a multiple of the slide). */
  public DStream<T> window(Duration windowLength) {
    return window(windowLength, slideDuration());
  }

  /** Every {@code slideInterval}, the union of the last {@code windowLength} of this stream. */
  public DStream<T> window(Duration windowLength, Duration slideInterval) {
    return new WindowedDStream<>(this, windowLength, slideInterval);
  }

  /** The number of records in each window. */
  public DStream<Long> countByWindow(Duration windowLength, Duration slideInterval) {
    return map(x -> 1L).reduceByWindow(Long::sum, (a, b) -> a - b, windowLength, slideInterval);
  }

  /** The records of each window combined with {@code f} (associative and commutative). */
  public DStream<T> reduceByWindow(Function2<T, T, T> f, Duration windowLength, Duration slideInterval) {
    return reduce(f).window(windowLength, slideInterval).reduce(f);
  }

  /** Incremental window reduce: adds the slide that enters and "subtracts" with {@code invF} the one that leaves. */
  public DStream<T> reduceByWindow(Function2<T, T, T> f, Function2<T, T, T> invF, Duration windowLength,
                                   Duration slideInterval) {
    return DStreamOps.reduceByWindow(this, f, invF, windowLength, slideInterval);
  }

  /** How often each distinct record occurs in each window. */
  public PairDStream<T, Long> countByValueAndWindow(Duration windowLength, Duration slideInterval) {
    return countByValueAndWindow(windowLength, slideInterval, context().sluiceContext().defaultParallelism());
  }

  /** How often each distinct record occurs in each window, in {@code numPartitions} partitions. */
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

  /** Same as {@link #persist()}. */
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

  /** Prints the batch time and the first {@code num} records of each batch to stdout, on the driver. */
  public void print(int num) {
    context().checkDefinable("add an output operation (print)");
    new ForEachDStream<>(this, "print", (rdd, time) -> DStreamOps.printBatch(rdd, time, num)).register();
  }

  /** Runs {@code f} on the driver with every RDD this stream produces (an output operation). */
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

  /** As {@link #saveAsTextFilesExactlyOnce(String, String)} without a suffix. */
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

  /** Saves each batch with {@link RDD#saveAsObjectFile} under {@code prefix-TIME_IN_MS}. */
  public void saveAsObjectFiles(String prefix) {
    saveAsObjectFiles(prefix, "");
  }

  /** Saves each batch with {@link RDD#saveAsObjectFile} under {@code prefix-TIME_IN_MS.suffix}. */
  public void saveAsObjectFiles(String prefix, String suffix) {
    context().checkDefinable("add an output operation (saveAsObjectFiles)");
    new ForEachDStream<T>(this, "saveAsObjectFiles",
        (rdd, time) -> FileOutputs.saveAsObjectFile(rdd, DStreamOps.batchFileName(prefix, suffix, time), false))
        .register();
  }

  // ------------------------------------------------------ generation (engine only, opened by DStreamInternals)

  final StreamingContext ssc() {
    if (ssc == null) {
      throw new SluiceException(this + " has no StreamingContext: DStreams cannot be used inside functions that "
          + "run on executors");
    }
    return ssc;
  }

  /** The RDD of this stream at {@code time}: generated once, then served from memory while remembered. */
  final synchronized Optional<RDD<T>> getOrCompute(Time time) {
    RDD<T> existing = generated.get(time);
    if (existing != null) {
      return Optional.of(existing);
    }
    if (!isTimeValid(time)) {
      return Optional.empty();
    }
    Optional<RDD<T>> computed = compute(time);
    computed.ifPresent(rdd -> {
      if (storageLevel != StorageLevel.NONE) {
        rdd.persist(storageLevel);
      }
      if (checkpointInterval != null && time.minus(zeroTime).isMultipleOf(checkpointInterval)) {
        rdd.checkpoint();
      }
      generated.put(time, rdd);
    });
    return computed;
  }

  /** A time is valid when it is a whole number of slides after the zero time. */
  boolean isTimeValid(Time time) {
    if (zeroTime == null) {
      throw new SluiceException(this + " has not been initialized (was the context started?)");
    }
    if (!time.isAfter(zeroTime) || !time.isMultipleOf(slideDuration(), zeroTime)) {
      log.debug("Time {} is not valid for {} (zero time {}, slide {})", time, this, zeroTime, slideDuration());
      return false;
    }
    return true;
  }

  /** Sets the zero time (the batch before the first) and defaults for checkpointing and remembering. */
  void initialize(Time zero) {
    if (zeroTime != null && !zeroTime.equals(zero)) {
      throw new SluiceException(this + " was already initialized with zero time " + zeroTime);
    }
    zeroTime = zero;
    if (mustCheckpoint() && checkpointInterval == null) {
      long slide = slideDuration().milliseconds();
      checkpointInterval = new Duration(slide * Math.max(1, (DEFAULT_CHECKPOINT_MS + slide - 1) / slide));
    }
    Duration minRemember = slideDuration();
    if (checkpointInterval != null && minRemember.compareTo(checkpointInterval) <= 0) {
      minRemember = checkpointInterval.times(2);
    }
    if (rememberDuration == null || rememberDuration.compareTo(minRemember) < 0) {
      rememberDuration = minRemember;
    }
    for (DStream<?> parent : dependencies()) {
      parent.initialize(zero);
    }
  }

  /** Keeps generated RDDs for at least {@code duration}; parents keep theirs as long as this stream needs. */
  void remember(Duration duration) {
    if (duration != null && (rememberDuration == null || duration.compareTo(rememberDuration) > 0)) {
      rememberDuration = duration;
    }
    for (DStream<?> parent : dependencies()) {
      parent.remember(parentRememberDuration());
    }
  }

  /** Checks the settings that are only known at start; fails with what is wrong. */
  void validateAtStart() {
    if (checkpointInterval != null && ssc().checkpointDirectory().isEmpty()) {
      throw new SluiceException(this + " must be checkpointed but no checkpoint directory is set: call "
          + "StreamingContext.checkpoint(directory) before start()");
    }
    if (checkpointInterval != null && !checkpointInterval.isMultipleOf(slideDuration())) {
      throw new SluiceException("The checkpoint interval of " + this + " (" + checkpointInterval
          + ") must be a multiple of its slide duration (" + slideDuration() + ")");
    }
    for (DStream<?> parent : dependencies()) {
      parent.validateAtStart();
    }
  }

  /**
   * Drops the RDDs generated at or before {@code time - rememberDuration}: unpersists them and
   * removes received blocks. Streams that keep their own per-batch data override this to drop it
   * too (calling {@code super}). Called by Sluice on the driver after each batch.
   *
   * @param time the batch that just completed
   * @return the RDDs dropped here and in the parents
   */
  protected List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped;
    synchronized (this) {
      Time cutoff = time.minus(rememberDuration);
      dropped = generated.dropUpTo(cutoff);
      if (!dropped.isEmpty()) {
        log.debug("Cleared {} RDDs of {} up to {}", dropped.size(), this, cutoff);
      }
    }
    for (DStream<?> parent : dependencies()) {
      dropped.addAll(parent.clearMetadata(time));
    }
    return dropped;
  }

  // ---------------------------------------------------------------- checkpoint and recovery

  /** Records which remembered RDDs are saved as RDD checkpoints; called before each metadata checkpoint. */
  synchronized void updateCheckpointData() {
    generated.recordCheckpointed();
  }

  /** After deserialization from a checkpoint: rebinds the context and reads back the saved RDDs. */
  synchronized void restoreFromCheckpoint(StreamingContext context) {
    this.ssc = context;
    SortedSet<Time> recovered = generated.restore(context.sluiceContext());
    if (!recovered.isEmpty()) {
      log.info("{}: recovered {} checkpointed RDDs ({} to {})", this, recovered.size(), recovered.first(),
          recovered.last());
    }
  }

  /** A snapshot of the RDDs this stream currently remembers, by time. */
  final synchronized Map<Time, RDD<T>> generatedRdds() {
    return generated.snapshot();
  }

  // ---------------------------------------------------------------- settings

  final Time zeroTime() {
    return zeroTime;
  }

  final Duration rememberDuration() {
    return rememberDuration;
  }

  final StorageLevel storageLevel() {
    return storageLevel;
  }

  final Optional<Duration> checkpointInterval() {
    return Optional.ofNullable(checkpointInterval);
  }

  final void setStorageLevel(StorageLevel level) {
    ssc().checkDefinable("change the storage level of a DStream");
    if (storageLevel != StorageLevel.NONE && !storageLevel.equals(level)) {
      throw new SluiceException(this + " is already persisted at " + storageLevel + "; cannot change it to "
          + level);
    }
    storageLevel = level;
  }

  final void setCheckpointInterval(Duration interval) {
    ssc().checkDefinable("checkpoint a DStream");
    checkpointInterval = interval;
    if (storageLevel == StorageLevel.NONE) {
      storageLevel = StorageLevel.MEMORY_ONLY_SER;
    }
  }

  final List<RDD<T>> sliceRdds(Time from, Time to) {
    if (zeroTime == null) {
      throw new SluiceException(this + " has not been initialized: slice() needs a started context");
    }
    Duration slide = slideDuration();
    Time alignedTo = to.floor(slide, zeroTime);
    // Both ends are floored to a slide boundary, as Spark does: the RDD covering 'from' is included.
    Time alignedFrom = from.floor(slide, zeroTime);
    List<RDD<T>> rdds = new ArrayList<>();
    for (Time t = alignedFrom; !t.isAfter(alignedTo); t = t.plus(slide)) {
      getOrCompute(t).ifPresent(rdds::add);
    }
    return rdds;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
