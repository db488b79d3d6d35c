package io.sluice.streaming;

import io.sluice.api.function.Function;
import io.sluice.api.function.Function0;
import io.sluice.api.function.Function2;
import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.internal.access.StreamingAccess;
import io.sluice.internal.checkpoint.Applications;
import io.sluice.internal.checkpoint.Checkpoint;
import io.sluice.internal.checkpoint.CheckpointReader;
import io.sluice.internal.checkpoint.IdentityKeys;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.serializer.Serializers;
import io.sluice.internal.streaming.DStreamGraph;
import io.sluice.internal.streaming.StreamingObservers;
import io.sluice.internal.streaming.StreamingRuntime;
import io.sluice.internal.streaming.StreamingValidation;
import io.sluice.internal.streaming.dstream.FileInputDStream;
import io.sluice.internal.streaming.dstream.QueueInputDStream;
import io.sluice.internal.streaming.dstream.ReceiverStream;
import io.sluice.internal.streaming.dstream.TextFileInputDStream;
import io.sluice.internal.streaming.dstream.TransformedDStream;
import io.sluice.internal.streaming.dstream.UnionDStream;
import io.sluice.internal.streaming.receiver.SocketReceiver;
import io.sluice.internal.streaming.scheduler.ReceiverTracker;
import io.sluice.internal.streaming.scheduler.StreamingErrors;
import io.sluice.internal.streaming.scheduler.StreamingListenerBus;
import io.sluice.internal.util.Clock;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.streaming.scheduler.StreamingListener;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of a streaming application: define input streams, transformations and output
 * operations, then {@link #start()}; every batch interval the defined computation runs on the data
 * received in that interval.
 *
 * <p>Lifecycle (see {@link StreamingContextState}): streams and outputs can only be defined before
 * start; a stopped context cannot be restarted; only one context may be active per JVM. Methods
 * are thread-safe; {@code stop} may be called from any thread (not from within a batch's job when
 * stopping gracefully, which would wait for itself).
 */
public final class StreamingContext implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamingContext.class);
  private static final AtomicReference<StreamingContext> ACTIVE = new AtomicReference<>();

  static {
    Internals.install(new Access());
  }

  private final SluiceContext sc;
  private final DStreamGraph graph;
  private final Clock clock;
  private final StreamingListenerBus listenerBus = new StreamingListenerBus();
  private final TerminationWaiter waiter = new TerminationWaiter();
  private volatile StreamingContextState state = StreamingContextState.INITIALIZED;
  private volatile StreamingRuntime runtime;
  private volatile String checkpointDir;
  private final Checkpoint recovered;
  private Thread shutdownHook;

  /** Creates a SluiceContext from {@code conf}. */
  public StreamingContext(SluiceConf conf, Duration batchInterval) {
    this(newContext(conf, batchInterval), batchInterval);
  }

  /** Uses an existing SluiceContext, e.g. to share it with batch jobs; stop() stops it unless told not to. */
  public StreamingContext(SluiceContext sc, Duration batchInterval) {
    checkBatchInterval(batchInterval);
    this.sc = sc;
    this.graph = new DStreamGraph(batchInterval);
    this.clock = createClock(sc.conf());
    this.recovered = null;
  }

  /** A context recovered from a checkpoint: the saved graph, configuration and pending batches. */
  private StreamingContext(Checkpoint checkpoint, String checkpointDir) {
    SluiceConf conf = IdentityKeys.recoveredConf(checkpoint.conf(), new SluiceConf());
    createClock(conf);
    this.sc = new SluiceContext(conf);
    this.graph = checkpoint.graph();
    this.clock = createClock(sc.conf());
    // A manual clock (tests) starts at 0; the recovered graph lives at the checkpoint's time.
    if (clock instanceof io.sluice.internal.util.ManualClock manual && manual.currentTimeMillis() < checkpoint.timeMs()) {
      manual.setTime(checkpoint.timeMs());
    }
    this.recovered = checkpoint;
    this.checkpointDir = checkpointDir;
    sc.setCheckpointDir(checkpointDir.replaceAll("/+$", "") + "/rdds");
    graph.restoreFromCheckpoint(this);
    log.info("Recovered the StreamingContext of {} from the checkpoint of {} ms in {}", checkpoint.application(),
        checkpoint.timeMs(), checkpointDir);
  }

  /** Checks what can fail before creating the SluiceContext, so a bad setting leaves nothing running. */
  private static SluiceContext newContext(SluiceConf conf, Duration batchInterval) {
    checkBatchInterval(batchInterval);
    createClock(conf);
    return new SluiceContext(conf);
  }

  private static void checkBatchInterval(Duration batchInterval) {
    if (batchInterval == null || batchInterval.milliseconds() <= 0) {
      throw new SluiceException("The batch interval must be positive, got " + batchInterval);
    }
  }

  private static Clock createClock(SluiceConf conf) {
    String name = SluiceOptions.STREAMING_CLOCK.get(conf);
    try {
      return (Clock) Class.forName(name).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SluiceException("Cannot create the clock " + name + " (" + SluiceOptions.STREAMING_CLOCK.key()
          + "): " + e, e);
    }
  }

  /**
   * Recovers the context from the newest readable checkpoint in {@code checkpointDir} if there is
   * one (its graph, configuration and pending batches; {@code create} is not called), else creates
   * it with {@code create} and checkpoints it to {@code checkpointDir}. A checkpoint written by
   * another application is rejected, naming both.
   */
  public static StreamingContext getOrCreate(String checkpointDir, Function0<StreamingContext> create) {
    return getOrCreate(checkpointDir, create, new org.apache.hadoop.conf.Configuration());
  }

  /** As {@link #getOrCreate(String, Function0)}, reading the checkpoint with {@code hadoopConf}. */
  public static StreamingContext getOrCreate(String checkpointDir, Function0<StreamingContext> create,
                                             org.apache.hadoop.conf.Configuration hadoopConf) {
    SluiceConf environment = new SluiceConf();
    Optional<Checkpoint> checkpoint = CheckpointReader.read(checkpointDir, hadoopConf,
        Serializers.forClosures(environment));
    if (checkpoint.isPresent()) {
      Applications.checkSameApplication(checkpoint.get().application(), checkpointDir);
      return new StreamingContext(checkpoint.get(), checkpointDir);
    }
    try {
      StreamingContext ssc = create.call();
      if (ssc.checkpointDir == null) {
        ssc.checkpoint(checkpointDir);
      }
      return ssc;
    } catch (SluiceException e) {
      throw e;
    } catch (Exception e) {
      throw new SluiceException("The function creating the StreamingContext failed: " + e, e);
    }
  }

  /** The context that is started and not yet stopped in this JVM, if any. */
  public static Optional<StreamingContext> getActive() {
    return Optional.ofNullable(ACTIVE.get());
  }

  /** The batch engine context this streaming context runs on. */
  public SluiceContext sluiceContext() {
    return sc;
  }

  // ---------------------------------------------------------------- input streams

  /** Lines (UTF-8, split at '\n') from a TCP server, stored at MEMORY_AND_DISK_SER_2. */
  public ReceiverInputDStream<String> socketTextStream(String host, int port) {
    return socketTextStream(host, port, StorageLevel.MEMORY_AND_DISK_SER_2);
  }

  /** Lines (UTF-8) from a TCP server, stored at {@code level}. */
  public ReceiverInputDStream<String> socketTextStream(String host, int port, StorageLevel level) {
    return new ReceiverStream<>(this, SocketReceiver.text(host, port, level), socketStreamName(host, port));
  }

  /** Records read from a TCP server with {@code converter}; the receiver reconnects when the server goes away. */
  public <T> ReceiverInputDStream<T> socketStream(String host, int port, Function<InputStream, Iterator<T>> converter,
                                                  StorageLevel level) {
    Objects.requireNonNull(converter, "socketStream needs a converter from the socket's bytes to records");
    return new ReceiverStream<>(this, new SocketReceiver<>(host, port, converter, level), socketStreamName(host, port));
  }

  private static String socketStreamName(String host, int port) {
    return "socket-" + host + ":" + port;
  }

  /** Lines of the text files that appear in {@code directory} (moved in atomically) after start. */
  public InputDStream<String> textFileStream(String directory) {
    return new TextFileInputDStream(this, directory);
  }

  /** Records of the files that appear in {@code directory} after start, read with a Hadoop (new API) InputFormat. */
  public <K, V, F extends org.apache.hadoop.mapreduce.InputFormat<K, V>> PairInputDStream<K, V> fileStream(
      String directory, Class<K> keyClass, Class<V> valueClass, Class<F> formatClass) {
    return new FileInputDStream<>(this, directory, keyClass, valueClass, formatClass);
  }

  /** Each batch takes one RDD from the queue (a default empty RDD when there is none). */
  public <T> InputDStream<T> queueStream(Queue<RDD<T>> queue) {
    return queueStream(queue, true);
  }

  /** Each batch takes one RDD from the queue, or all queued RDDs when {@code oneAtATime} is false. */
  public <T> InputDStream<T> queueStream(Queue<RDD<T>> queue, boolean oneAtATime) {
    return queueStream(queue, oneAtATime, null);
  }

  /** As {@link #queueStream(Queue, boolean)}, with {@code defaultRDD} for batches when the queue is empty. */
  public <T> InputDStream<T> queueStream(Queue<RDD<T>> queue, boolean oneAtATime, RDD<T> defaultRDD) {
    return new QueueInputDStream<>(this, queue, oneAtATime, defaultRDD);
  }

  /** Records stored by a custom {@link Receiver}, run on an executor. */
  public <T> ReceiverInputDStream<T> receiverStream(Receiver<T> receiver) {
    return new ReceiverStream<>(this, receiver, receiver.getClass().getSimpleName());
  }

  /** The records of all the given streams (same slide), batch by batch. */
  public <T> DStream<T> union(DStream<T> first, List<DStream<T>> rest) {
    List<DStream<T>> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return new UnionDStream<>(all);
  }

  /** Applies {@code f} to the RDDs of several streams (same slide) at each batch time. */
  public <T> DStream<T> transform(List<DStream<?>> streams, Function2<List<RDD<?>>, Time, RDD<T>> f) {
    return new TransformedDStream<>(streams, f);
  }

  // ---------------------------------------------------------------- configuration

  /** Where stateful streams and RDD checkpoints are saved; any Hadoop FileSystem directory. */
  public void checkpoint(String directory) {
    checkDefinable("set the checkpoint directory");
    checkpointDir = directory;
    sc.setCheckpointDir(directory == null ? null : directory.replaceAll("/+$", "") + "/rdds");
  }

  /** The checkpoint directory, if set. */
  public Optional<String> checkpointDirectory() {
    return Optional.ofNullable(checkpointDir);
  }

  /** Keeps every stream's RDDs for at least {@code duration} (e.g. to query them with slice()). */
  public void remember(Duration duration) {
    checkDefinable("change the remember duration");
    graph.remember(duration);
  }

  /** Adds a listener for batch, output operation and receiver events; may be called at any time. */
  public void addStreamingListener(StreamingListener listener) {
    listenerBus.addListener(listener);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Starts receiving and processing. Fails, leaving the context stopped, if the program cannot run. */
  public synchronized void start() {
    switch (state) {
      case ACTIVE -> throw new SluiceException("StreamingContext has already been started");
      case STOPPED -> throw new SluiceException("StreamingContext has already been stopped; a stopped context "
          + "cannot be restarted (create a new one)");
      case INITIALIZED -> { }
    }
    if (!ACTIVE.compareAndSet(null, this)) {
      throw new SluiceException("Only one StreamingContext may be active in a JVM; stop the active one first");
    }
    try {
      graph.validate();
      StreamingValidation.checkGraphSerializable(graph, sc);
      runtime = new StreamingRuntime(sc, clock, graph, listenerBus, errors(), checkpointDirectory(),
          Applications.describe(sc.appName()));
      runtime.validate();
      StreamingObservers.attach(sc, graph, runtime, listenerBus, clock); // UI, event log, metrics
      runtime.start(Optional.ofNullable(recovered));
      state = StreamingContextState.ACTIVE;
    } catch (RuntimeException e) {
      log.error("Error starting the StreamingContext; marking it as stopped", e);
      stopOnFailedStart();
      throw e;
    }
    registerShutdownHook();
    log.info("StreamingContext started: batches every {}", graph.batchDuration());
  }

  private void stopOnFailedStart() {
    try {
      if (runtime != null) {
        runtime.stop(false, 0);
      }
    } catch (RuntimeException suppressed) {
      log.warn("Error while cleaning up after a failed start", suppressed);
    }
    state = StreamingContextState.STOPPED;
    ACTIVE.compareAndSet(this, null);
    waiter.stopped();
  }

  /** The current state of this context. */
  public StreamingContextState getState() {
    return state;
  }

  /**
   * Waits until the context is stopped or a batch fails. As in Spark Streaming, the error of the
   * first failed job (or a fatal error, which also stops the context) is thrown, wrapped in a
   * SluiceException whose cause is that error, and is thrown again by every later call; batches
   * go on unless the error was fatal.
   */
  public void awaitTermination() throws InterruptedException {
    waiter.await(Long.MAX_VALUE);
  }

  /** Like {@link #awaitTermination()} for at most {@code timeoutMs}; true if the context stopped. */
  public boolean awaitTerminationOrTimeout(long timeoutMs) throws InterruptedException {
    return waiter.await(timeoutMs);
  }

  /** Stops at once (running jobs are interrupted), and stops the SluiceContext too. */
  public void stop() {
    stop(true);
  }

  /** Stops at once, and the SluiceContext too when {@code stopSluiceContext}. */
  public void stop(boolean stopSluiceContext) {
    stop(stopSluiceContext, false);
  }

  /**
   * Stops the context. Gracefully: receivers stop receiving, and everything received so far is
   * processed before this returns; otherwise running jobs are interrupted.
   */
  public void stop(boolean stopSluiceContext, boolean stopGracefully) {
    synchronized (this) {
      if (state == StreamingContextState.STOPPED) {
        log.debug("StreamingContext already stopped");
        if (stopSluiceContext && !sc.isStopped()) {
          sc.stop();
        }
        return;
      }
      boolean wasActive = state == StreamingContextState.ACTIVE;
      state = StreamingContextState.STOPPED;
      if (wasActive) {
        long timeout = SluiceOptions.GRACEFUL_STOP_TIMEOUT_MS.getOption(sc.conf())
            .orElse(graph.batchDuration().milliseconds() * 10);
        runtime.stop(stopGracefully, timeout);
        removeShutdownHook();
        ACTIVE.compareAndSet(this, null);
      }
    }
    if (stopSluiceContext) {
      sc.stop();
    }
    waiter.stopped();
    log.info("StreamingContext stopped{}", stopGracefully ? " gracefully" : "");
  }

  @Override
  public void close() {
    stop(true, false);
  }

  private StreamingErrors errors() {
    return new StreamingErrors() {
      @Override
      public void jobFailed(Throwable error) {
        waiter.error(new SluiceException("A streaming job failed: " + error, error));
      }

      @Override
      public void fatal(Throwable error) {
        log.error("Fatal error in streaming; stopping the StreamingContext", error);
        waiter.error(new SluiceException("Streaming stopped because of a fatal error: " + error, error));
        Thread stopper = new Thread(() -> stop(false, false), "sluice-streaming-fatal-stop");
        stopper.setDaemon(true);
        stopper.start();
      }
    };
  }

  private void registerShutdownHook() {
    boolean graceful = SluiceOptions.STOP_GRACEFULLY_ON_SHUTDOWN.get(sc.conf());
    shutdownHook = new Thread(() -> {
      log.info("JVM shutting down: stopping the StreamingContext{}", graceful ? " gracefully" : "");
      stop(true, graceful);
    }, "sluice-streaming-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private void removeShutdownHook() {
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook is running or done.
      }
    }
  }

  // ---------------------------------------------------------------- engine hooks (see Access)

  /** Fails unless streams and outputs may still be defined (the context has not started). */
  void checkDefinable(String action) {
    if (state != StreamingContextState.INITIALIZED) {
      throw new SluiceException("Cannot " + action + " after the StreamingContext has been "
          + (state == StreamingContextState.ACTIVE ? "started" : "stopped"));
    }
  }

  DStreamGraph graph() {
    return graph;
  }

  Clock clock() {
    return clock;
  }

  /** The receiver tracker of the started context. */
  ReceiverTracker receiverTracker() {
    if (runtime == null) {
      throw new SluiceException("The StreamingContext has not been started");
    }
    return runtime.receiverTracker();
  }

  Optional<StreamingRuntime> runtime() {
    return Optional.ofNullable(runtime);
  }

  /** Waits until every listener event posted so far has been delivered (for tests and tools). */
  public boolean awaitListenerEvents(long timeoutMs) throws InterruptedException {
    return listenerBus.waitUntilEmpty(timeoutMs);
  }

  /** Opens the engine hooks above to the engine, through {@link Internals#streaming()}. */
  private static final class Access implements StreamingAccess {
    @Override
    public DStreamGraph graph(StreamingContext ssc) {
      return ssc.graph();
    }

    @Override
    public Clock clock(StreamingContext ssc) {
      return ssc.clock();
    }

    @Override
    public ReceiverTracker receiverTracker(StreamingContext ssc) {
      return ssc.receiverTracker();
    }

    @Override
    public Optional<StreamingRuntime> runtime(StreamingContext ssc) {
      return ssc.runtime();
    }

    @Override
    public void checkDefinable(StreamingContext ssc, String action) {
      ssc.checkDefinable(action);
    }
  }
}
