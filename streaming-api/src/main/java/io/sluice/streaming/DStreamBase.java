package io.sluice.streaming;

import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.rdd.BlockRDD;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine internals of every DStream: generating (and caching) one RDD per valid time, remembering
 * RDDs as long as some window, state or {@code remember()} needs them, and dropping them after.
 * Users see {@link DStream}; Sluice's operators implement {@link #compute} and
 * {@link #dependencies}. Called on the driver's job-generation thread, except {@link #slice}.
 */
public abstract class DStreamBase<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(DStreamBase.class);
  private static final long DEFAULT_CHECKPOINT_MS = 10_000;

  private transient StreamingContext ssc;
  // RDDs by batch time; transient because RDDs belong to one run of the driver.
  private transient TreeMap<Time, RDD<T>> generated;
  private Time zeroTime;
  private Duration rememberDuration;
  private StorageLevel storageLevel = StorageLevel.NONE;
  private Duration checkpointInterval;
  // The generated RDDs saved as RDD checkpoints, by batch time: what a recovered driver reads back.
  private TreeMap<Time, SavedRdd> savedRdds = new TreeMap<>();

  /** Where an RDD of this stream was saved, and how it was partitioned. */
  private record SavedRdd(String directory, int numPartitions, io.sluice.core.Partitioner partitioner)
      implements Serializable {}

  protected DStreamBase(StreamingContext ssc) {
    this.ssc = ssc;
    ssc.checkDefinable("create a new DStream");
  }

  // ---------------------------------------------------------------- what operators implement

  public abstract Duration slideDuration();

  /** The streams this one is computed from. */
  public abstract List<DStream<?>> dependencies();

  /** The RDD for a valid time, or empty when this stream has nothing at that time. Runs on the driver. */
  public abstract Optional<RDD<T>> compute(Time validTime);

  /** How long parents must remember their RDDs for this stream; windows need their length more. */
  protected Duration parentRememberDuration() {
    return rememberDuration;
  }

  /** Whether this stream keeps state across batches and so must be checkpointed (state, inverse windows). */
  protected boolean mustCheckpoint() {
    return false;
  }

  // ---------------------------------------------------------------- generation

  public final StreamingContext ssc() {
    if (ssc == null) {
      throw new SluiceException(this + " has no StreamingContext: DStreams cannot be used inside functions that "
          + "run on executors");
    }
    return ssc;
  }

  /** The RDD of this stream at {@code time}: generated once, then served from memory while remembered. */
  public final synchronized Optional<RDD<T>> getOrCompute(Time time) {
    RDD<T> existing = generated().get(time);
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
      generated().put(time, rdd);
    });
    return computed;
  }

  /** A time is valid when it is a whole number of slides after the zero time. */
  public boolean isTimeValid(Time time) {
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
  public void initialize(Time zero) {
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
  public void remember(Duration duration) {
    if (duration != null && (rememberDuration == null || duration.compareTo(rememberDuration) > 0)) {
      rememberDuration = duration;
    }
    for (DStream<?> parent : dependencies()) {
      parent.remember(parentRememberDuration());
    }
  }

  /** Checks the settings that are only known at start; fails with what is wrong. */
  public void validateAtStart() {
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
   * removes received blocks. Returns what was dropped here and in the parents.
   */
  public List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped = new ArrayList<>();
    synchronized (this) {
      Time cutoff = time.minus(rememberDuration);
      var old = generated().headMap(cutoff, true);
      for (RDD<T> rdd : old.values()) {
        if (rdd.getStorageLevel() != StorageLevel.NONE) {
          rdd.unpersist();
        }
        if (rdd instanceof BlockRDD<?> blocks) {
          blocks.removeBlocks();
        } else if (rdd instanceof io.sluice.internal.rdd.WalBackedBlockRDD<?> logged) {
          logged.removeBlocks();
        }
        dropped.add(rdd);
      }
      if (!old.isEmpty()) {
        log.debug("Cleared {} RDDs of {} up to {}", old.size(), this, cutoff);
      }
      old.clear();
    }
    for (DStream<?> parent : dependencies()) {
      dropped.addAll(parent.clearMetadata(time));
    }
    return dropped;
  }

  // ---------------------------------------------------------------- checkpoint and recovery

  /** Records which remembered RDDs are saved as RDD checkpoints; called before each metadata checkpoint. */
  public synchronized void updateCheckpointData() {
    TreeMap<Time, SavedRdd> saved = new TreeMap<>();
    generated().forEach((time, rdd) -> {
      if (rdd.isCheckpointed()) {
        saved.put(time, new SavedRdd(rdd.checkpointState().directory(), rdd.getNumPartitions(),
            rdd.partitionerIfKnown().orElse(null)));
      }
    });
    savedRdds = saved;
  }

  /** After deserialization from a checkpoint: rebinds the context and reads back the saved RDDs. */
  public synchronized void restoreFromCheckpoint(StreamingContext context) {
    this.ssc = context;
    this.generated = new TreeMap<>();
    if (savedRdds == null) {
      savedRdds = new TreeMap<>();
    }
    savedRdds.forEach((time, saved) -> generated.put(time, new io.sluice.internal.rdd.RecoveredCheckpointRDD<>(
        context.sluiceContext(), saved.directory(), saved.numPartitions(), saved.partitioner())));
    if (!savedRdds.isEmpty()) {
      log.info("{}: recovered {} checkpointed RDDs ({} to {})", this, savedRdds.size(), savedRdds.firstKey(),
          savedRdds.lastKey());
    }
  }

  /** A snapshot of the RDDs this stream currently remembers, by time. */
  public final synchronized Map<Time, RDD<T>> generatedRdds() {
    return Map.copyOf(generated());
  }

  private TreeMap<Time, RDD<T>> generated() {
    if (generated == null) {
      generated = new TreeMap<>();
    }
    return generated;
  }

  // ---------------------------------------------------------------- settings

  public final Time zeroTime() {
    return zeroTime;
  }

  public final Duration rememberDuration() {
    return rememberDuration;
  }

  public final StorageLevel storageLevel() {
    return storageLevel;
  }

  public final Optional<Duration> checkpointInterval() {
    return Optional.ofNullable(checkpointInterval);
  }

  protected final void setStorageLevel(StorageLevel level) {
    ssc().checkDefinable("change the storage level of a DStream");
    if (storageLevel != StorageLevel.NONE && !storageLevel.equals(level)) {
      throw new SluiceException(this + " is already persisted at " + storageLevel + "; cannot change it to "
          + level);
    }
    storageLevel = level;
  }

  protected final void setCheckpointInterval(Duration interval) {
    ssc().checkDefinable("checkpoint a DStream");
    checkpointInterval = interval;
    if (storageLevel == StorageLevel.NONE) {
      storageLevel = StorageLevel.MEMORY_ONLY_SER;
    }
  }

  protected final List<RDD<T>> sliceRdds(Time from, Time to) {
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
