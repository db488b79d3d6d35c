package io.sluice.core;

import io.sluice.api.Tuple2;
import io.sluice.internal.access.ContextAccess;
import io.sluice.internal.access.Internals;
import io.sluice.internal.config.MasterUrl;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.executor.BlockBroadcast;
import io.sluice.internal.executor.DriverEndpoints;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.rdd.RddCheckpointer;
import io.sluice.internal.io.HadoopConfs;
import io.sluice.internal.io.HadoopFiles;
import io.sluice.internal.metrics.DriverMetrics;
import io.sluice.internal.rdd.EmptyRDD;
import io.sluice.internal.rdd.ParallelCollectionRDD;
import io.sluice.internal.rdd.TaskFunction;
import io.sluice.internal.scheduler.ClusterBackend;
import io.sluice.internal.scheduler.ClusterBackendFactory;
import io.sluice.internal.scheduler.DAGScheduler;
import io.sluice.internal.scheduler.LocalBackend;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.serializer.Serializers;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.storage.BlockTransfer;
import io.sluice.internal.ui.ApplicationInfo;
import io.sluice.internal.eventlog.EventLog;
import io.sluice.internal.ui.DriverUi;
import io.sluice.internal.util.SystemClock;
import java.io.File;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the batch engine: connects to executors (threads, processes or YARN
 * containers, per the master URL), creates RDDs and runs jobs on them. One active context per
 * JVM; methods are thread-safe.
 */
public final class SluiceContext implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SluiceContext.class);
  private static final AtomicReference<SluiceContext> ACTIVE = new AtomicReference<>();

  static {
    Internals.install(new Access());
  }

  private final SluiceConf conf;
  private final MasterUrl master;
  private final Serializer dataSerializer;
  private final Serializer closureSerializer;
  private final BlockManager blockManager;
  private final ExecutorEnv driverEnv;
  private final MapOutputTracker mapOutputs = new MapOutputTracker();
  private final ClusterBackend backend;
  private final DriverUi ui; // null when sluice.ui.enabled is false
  private final EventLog eventLog; // null when sluice.eventLog.enabled is false
  private final DAGScheduler dagScheduler;
  private final Configuration hadoopConf;
  private final AtomicInteger nextRddId = new AtomicInteger();
  private final AtomicInteger nextShuffleId = new AtomicInteger();
  private final AtomicLong nextBroadcastId = new AtomicLong();
  private final Map<Integer, RDD<?>> persisted = new ConcurrentHashMap<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile String checkpointDir;

  /** Starts a context with a copy of {@code conf}; fails if another context is active in this JVM. */
  public SluiceContext(SluiceConf conf) {
    this.conf = conf.copy();
    this.master = MasterUrl.parse(SluiceOptions.MASTER.get(this.conf));
    SluiceOptions.APP_NAME.get(this.conf);
    if (!ACTIVE.compareAndSet(null, this)) {
      throw new SluiceException("Only one SluiceContext may be active in a JVM; stop the existing one ("
          + ACTIVE.get().appName() + ") first");
    }
    DriverUi startedUi = null;
    EventLog startedLog = null;
    try {
      this.dataSerializer = Serializers.forData(this.conf);
      this.closureSerializer = Serializers.forClosures(this.conf);
      this.hadoopConf = HadoopConfs.fromSluiceConf(this.conf);
      long memory = (long) (Runtime.getRuntime().maxMemory() * SluiceOptions.STORAGE_MEMORY_FRACTION.get(this.conf));
      this.blockManager = new BlockManager("driver", dataSerializer, memory,
          new File(SluiceOptions.LOCAL_DIR.get(this.conf)));
      this.driverEnv = new ExecutorEnv("driver", this.conf, dataSerializer, closureSerializer, blockManager,
          BlockTransfer.local(blockManager), new DriverEndpoints());
      ApplicationInfo info = new ApplicationInfo(appName(), SluiceOptions.MASTER.get(this.conf),
          System.currentTimeMillis());
      // Before the backend: its executors are logged after the application's start.
      startedLog = EventLog.startIfEnabled(this.conf, hadoopConf, info, new SystemClock()).orElse(null);
      this.eventLog = startedLog;
      // Before the backend: on YARN, registering the ApplicationMaster gives the UI as tracking URL.
      startedUi = SluiceOptions.UI_ENABLED.get(this.conf) ? new DriverUi(this.conf, info) : null;
      this.ui = startedUi;
      this.backend = createBackend();
      if (ui != null) {
        ui.attachBackend(backend);
        if (SluiceOptions.METRICS_ENABLED.get(this.conf)) {
          ui.attachMetrics(new DriverMetrics(backend, blockManager));
        }
      }
      if (eventLog != null) {
        backend.addExecutorListener(eventLog);
      }
      this.dagScheduler = new DAGScheduler(backend, mapOutputs, closureSerializer, dataSerializer,
          SluiceOptions.TASK_MAX_FAILURES.get(this.conf));
    } catch (RuntimeException e) {
      if (startedUi != null) {
        startedUi.stop();
      }
      if (startedLog != null) {
        startedLog.stop();
      }
      ACTIVE.compareAndSet(this, null);
      throw e;
    }
    log.info("Started SluiceContext '{}' on {} ({} cores)", appName(), master, backend.totalCores());
  }

  private ClusterBackend createBackend() {
    if (master instanceof MasterUrl.Local local) {
      return new LocalBackend(local.threads(), driverEnv);
    }
    for (ClusterBackendFactory factory : ServiceLoader.load(ClusterBackendFactory.class)) {
      Optional<ClusterBackend> created = factory.create(master, conf, driverEnv, mapOutputs);
      if (created.isPresent()) {
        return created.get();
      }
    }
    String module = master instanceof MasterUrl.Yarn ? "sluice-yarn-am" : "sluice-executor";
    throw new SluiceException("Master '" + SluiceOptions.MASTER.get(conf) + "' needs the " + module
        + " module on the classpath, and it was not found");
  }

  /** The context active in this JVM, if any. */
  public static Optional<SluiceContext> active() {
    return Optional.ofNullable(ACTIVE.get());
  }

  // ---------------------------------------------------------------- public API

  /** A copy of this context's configuration (changing it has no effect on the running context). */
  public SluiceConf conf() {
    return conf.copy();
  }

  /** The application name ({@code sluice.app.name}). */
  public String appName() {
    return SluiceOptions.APP_NAME.get(conf);
  }

  /** Partitions of parallelize() and of shuffles when not given: sluice.default.parallelism, else the cores. */
  public int defaultParallelism() {
    return SluiceOptions.DEFAULT_PARALLELISM.getOption(conf).orElseGet(() -> Math.max(1, backend.totalCores()));
  }

  /** An RDD of {@code data} in {@link #defaultParallelism()} partitions. */
  public <T> RDD<T> parallelize(List<T> data) {
    return parallelize(data, defaultParallelism());
  }

  /** An RDD of {@code data} in {@code numSlices} partitions of about equal size. */
  public <T> RDD<T> parallelize(List<T> data, int numSlices) {
    RDD.checkPartitions(numSlices);
    return new ParallelCollectionRDD<>(this, data, numSlices);
  }

  /** A pair RDD of {@code data} in {@link #defaultParallelism()} partitions. */
  public <K, V> PairRDD<K, V> parallelizePairs(List<Tuple2<K, V>> data) {
    return PairRDD.fromRDD(parallelize(data));
  }

  /** A pair RDD of {@code data} in {@code numSlices} partitions. */
  public <K, V> PairRDD<K, V> parallelizePairs(List<Tuple2<K, V>> data, int numSlices) {
    return PairRDD.fromRDD(parallelize(data, numSlices));
  }

  /** An RDD with no partitions and no records. */
  public <T> RDD<T> emptyRDD() {
    return new EmptyRDD<>(this);
  }

  /** Lines of a text file, or of all files in a directory or glob, on any Hadoop FileSystem URI. */
  public RDD<String> textFile(String path) {
    return textFile(path, Math.min(2, defaultParallelism()));
  }

  /** Lines of the files at {@code path}, in at least {@code minPartitions} partitions. */
  public RDD<String> textFile(String path, int minPartitions) {
    return HadoopFiles.textFile(this, path, minPartitions);
  }

  /** Pairs read from files with a Hadoop (new API) InputFormat, e.g. SequenceFileInputFormat. */
  @SuppressWarnings("rawtypes")
  public <K, V> PairRDD<K, V> hadoopFile(String path, Class<? extends org.apache.hadoop.mapreduce.InputFormat> format,
                                         Class<K> keyClass, Class<V> valueClass) {
    return HadoopFiles.hadoopFile(this, path, format, keyClass, valueClass, Math.min(2, defaultParallelism()));
  }

  /** Reads what {@link RDD#saveAsObjectFile} wrote. */
  public <T> RDD<T> objectFile(String path) {
    return HadoopFiles.objectFile(this, path, Math.min(2, defaultParallelism()));
  }

  /** Ships {@code value} (which must be serializable) once to each executor that reads it. */
  public <T> Broadcast<T> broadcast(T value) {
    copyBySerialization(value);
    return new BlockBroadcast<>(nextBroadcastId.incrementAndGet(), value, blockManager,
        id -> removeBlocks(List.of(id)));
  }

  /**
   * Where {@link RDD#checkpoint()} writes: a new subdirectory (a random name) of {@code directory}
   * on any Hadoop FileSystem, so contexts never overwrite each other's files (RDD ids restart at 1).
   */
  public void setCheckpointDir(String directory) {
    this.checkpointDir = directory == null ? null
        : directory.replaceAll("/+$", "") + "/" + java.util.UUID.randomUUID();
  }

  /** The directory RDD checkpoints are written to, if set. */
  public Optional<String> checkpointDir() {
    return Optional.ofNullable(checkpointDir);
  }

  /** The driver's web UI, e.g. {@code http://host:4040/}; empty when {@code sluice.ui.enabled} is false. */
  public Optional<String> uiWebUrl() {
    return ui().map(DriverUi::webUrl);
  }

  /** Whether {@link #stop()} has been called. */
  public boolean isStopped() {
    return stopped.get();
  }

  /** Stops the executors and frees every block; the context cannot be used afterwards. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      if (ui != null) {
        ui.stop();
      }
      backend.close();
    } finally {
      if (eventLog != null) {
        eventLog.stop(); // last, so the application's end is the log's last line
      }
      blockManager.close();
      ACTIVE.compareAndSet(this, null);
      log.info("Stopped SluiceContext '{}'", appName());
    }
  }

  @Override
  public void close() {
    stop();
  }

  // ---------------------------------------------------------------- engine hooks (see Access)

  /** Runs {@code f} over every partition; results in partition order. */
  <T, U> List<U> runJob(RDD<T> rdd, TaskFunction<T, U> f) {
    int[] all = new int[rdd.getNumPartitions()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return runJob(rdd, f, all);
  }

  <T, U> List<U> runJob(RDD<T> rdd, TaskFunction<T, U> f, int[] partitions) {
    if (stopped.get()) {
      throw new SluiceException("Cannot run a job: SluiceContext '" + appName() + "' has been stopped");
    }
    List<U> results = dagScheduler.runJob(rdd, f, partitions);
    RddCheckpointer.afterJob(rdd);
    return results;
  }

  int newRddId() {
    return nextRddId.incrementAndGet();
  }

  int newShuffleId() {
    return nextShuffleId.incrementAndGet();
  }

  /** The Hadoop configuration used for files (built from {@code sluice.hadoop.*} keys and the environment). */
  public Configuration hadoopConfiguration() {
    return hadoopConf;
  }

  Serializer dataSerializer() {
    return dataSerializer;
  }

  Serializer closureSerializer() {
    return closureSerializer;
  }

  DAGScheduler dagScheduler() {
    return dagScheduler;
  }

  ExecutorEnv driverEnv() {
    return driverEnv;
  }

  /** The web UI, for the streaming context to attach to; empty when disabled. */
  Optional<DriverUi> ui() {
    return Optional.ofNullable(ui);
  }

  /** The event log, for the streaming context to log its events to; empty when disabled. */
  Optional<EventLog> eventLog() {
    return Optional.ofNullable(eventLog);
  }

  ClusterBackend backend() {
    return backend;
  }

  MasterUrl master() {
    return master;
  }

  BlockManager blockManager() {
    return blockManager;
  }

  /** A deep copy made by serializing; also proves the value can be shipped. */
  <T> T copyBySerialization(T value) {
    return dataSerializer.deserialize(dataSerializer.serialize(value));
  }

  void registerPersisted(RDD<?> rdd) {
    persisted.put(rdd.id(), rdd);
  }

  void unpersist(int rddId) {
    persisted.remove(rddId);
    blockManager.removeRdd(rddId);
    backend.removeRdd(rddId);
  }

  Collection<RDD<?>> persistedRdds() {
    return List.copyOf(persisted.values());
  }

  /** Removes blocks from every executor's store (received blocks no batch needs any more). */
  void removeBlocks(Collection<? extends BlockId> ids) {
    blockManager.removeIf(ids::contains);
    backend.removeBlocks(ids);
  }

  /** Frees the map outputs of a shuffle nothing will read again. */
  void removeShuffle(int shuffleId) {
    mapOutputs.unregisterShuffle(shuffleId);
    dagScheduler.removeShuffle(shuffleId);
    blockManager.removeShuffle(shuffleId);
    backend.removeShuffle(shuffleId);
  }

  MapOutputTracker mapOutputs() {
    return mapOutputs;
  }

  /** Opens the engine hooks above to the engine, through {@link Internals#context()}. */
  private static final class Access implements ContextAccess {
    @Override
    public <T, U> List<U> runJob(SluiceContext sc, RDD<T> rdd, TaskFunction<T, U> f) {
      return sc.runJob(rdd, f);
    }

    @Override
    public <T, U> List<U> runJob(SluiceContext sc, RDD<T> rdd, TaskFunction<T, U> f, int[] partitions) {
      return sc.runJob(rdd, f, partitions);
    }

    @Override
    public int newShuffleId(SluiceContext sc) {
      return sc.newShuffleId();
    }

    @Override
    public Serializer dataSerializer(SluiceContext sc) {
      return sc.dataSerializer();
    }

    @Override
    public Serializer closureSerializer(SluiceContext sc) {
      return sc.closureSerializer();
    }

    @Override
    public DAGScheduler dagScheduler(SluiceContext sc) {
      return sc.dagScheduler();
    }

    @Override
    public ExecutorEnv driverEnv(SluiceContext sc) {
      return sc.driverEnv();
    }

    @Override
    public Optional<DriverUi> ui(SluiceContext sc) {
      return sc.ui();
    }

    @Override
    public Optional<EventLog> eventLog(SluiceContext sc) {
      return sc.eventLog();
    }

    @Override
    public ClusterBackend backend(SluiceContext sc) {
      return sc.backend();
    }

    @Override
    public MasterUrl master(SluiceContext sc) {
      return sc.master();
    }

    @Override
    public BlockManager blockManager(SluiceContext sc) {
      return sc.blockManager();
    }

    @Override
    public MapOutputTracker mapOutputs(SluiceContext sc) {
      return sc.mapOutputs();
    }

    @Override
    public <T> T copyBySerialization(SluiceContext sc, T value) {
      return sc.copyBySerialization(value);
    }

    @Override
    public Collection<RDD<?>> persistedRdds(SluiceContext sc) {
      return sc.persistedRdds();
    }

    @Override
    public void removeBlocks(SluiceContext sc, Collection<? extends BlockId> ids) {
      sc.removeBlocks(ids);
    }

    @Override
    public void removeShuffle(SluiceContext sc, int shuffleId) {
      sc.removeShuffle(shuffleId);
    }
  }
}
