package io.sluice.internal.streaming.scheduler;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.io.HadoopConfs;
import io.sluice.internal.metrics.DriverMetrics;
import io.sluice.internal.streaming.receiver.WalBlockStorer;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import io.sluice.internal.streaming.receiver.ReceiverControl;
import io.sluice.internal.streaming.receiver.ReceiverSupervisorImpl;
import io.sluice.internal.streaming.receiver.ReceiverTrackerEndpoint;
import io.sluice.internal.util.Clock;
import io.sluice.internal.util.MonotonicClock;
import io.sluice.internal.util.SystemClock;
import io.sluice.internal.wal.WalWriteTimer;
import io.sluice.streaming.Time;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of receivers: launches each receiver as a long-running task (it occupies one
 * core), keeps track of where they run and how they fare, and hands the blocks they store to the
 * {@link ReceivedBlockTracker}, which assigns every stored block to exactly one batch. Supervisors
 * call the endpoint methods from any thread; receiver state lives in concurrent maps.
 */
public final class ReceiverTracker implements ReceiverTrackerEndpoint {
  private static final Logger log = LoggerFactory.getLogger(ReceiverTracker.class);

  private final SluiceContext sc;
  private final StreamingListenerBus listenerBus;
  private final List<InputSource> receiverInputs;
  // Streams that bring data in without a receiver (Kafka direct): backpressure sizes their batches.
  private final List<InputSource> receiverlessInputs;
  private final Map<Integer, ReceiverControl> controls = new ConcurrentHashMap<>();
  private final Map<Integer, ReceiverInfo> infos = new ConcurrentHashMap<>();
  private final List<Thread> launchers = new ArrayList<>();
  private final String walRoot; // the checkpoint directory when the write-ahead log is on, else null
  private final ReceivedBlockTracker blockTracker;
  private volatile boolean accepting;
  private volatile long initialRate;

  /** @param walRoot the checkpoint directory when the write-ahead log is on, else null */
  public ReceiverTracker(SluiceContext sc, StreamingListenerBus listenerBus, List<InputSource> inputs,
                         String walRoot) {
    this.sc = sc;
    this.listenerBus = listenerBus;
    this.receiverInputs = inputs.stream().filter(i -> i.receiver().isPresent()).toList();
    this.receiverlessInputs = inputs.stream().filter(i -> i.receiver().isEmpty()).toList();
    this.walRoot = walRoot;
    ReceivedBlockLog blockLog = walRoot == null ? null : new FileReceivedBlockLog(walRoot,
        receiverInputs.stream().map(InputSource::inputId).toList(), sc.hadoopConfiguration(),
        SluiceOptions.WAL_DURABILITY.get(sc.conf()), Internals.context().closureSerializer(sc),
        DriverMetrics.of(sc).map(m -> m.walTimer(DriverMetrics.BLOCK_METADATA_LOG)).orElse(WalWriteTimer.NONE));
    // Log files are stamped with wall time, so the block tracker ages them by it, not by the batch clock.
    this.blockTracker = new ReceivedBlockTracker(blockLog, new SystemClock());
  }

  /** Rebuilds which blocks were stored and which batch each went into from the log (driver recovery). */
  public void recoverFromLog() {
    await(blockTracker.recoverFromLog());
  }

  public int numReceivers() {
    return receiverInputs.size();
  }

  /** Fails when receivers would take every core and leave none to process what they receive. */
  public void checkEnoughCores() {
    int cores = Internals.context().backend(sc).totalCores();
    int receivers = receiverInputs.size();
    if (receivers > 0 && cores <= receivers) {
      throw new SluiceException("Not enough cores: " + receivers + " receiver(s) each occupy a core, and master "
          + sc.conf().get("sluice.master", "?") + " has " + cores + " core(s), leaving none to process the received "
          + "data. Use more cores than receivers, e.g. local[" + (receivers + 1) + "] or local-cluster["
          + (receivers + 1) + ",1,1024] (\"local\" and \"local[1]\" cannot run a receiver-based stream)");
    }
  }

  /** Launches every receiver; each runs as a task until stopped. */
  public void start() {
    accepting = true;
    for (InputSource input : receiverInputs) {
      Receiver<?> receiver = input.receiver().orElseThrow();
      int streamId = input.inputId();
      infos.put(streamId, new ReceiverInfo(streamId, input.name(), false, "", ""));
      Thread launcher = new Thread(() -> runReceiver(receiver, streamId), "sluice-receiver-launcher-" + streamId);
      launcher.setDaemon(true);
      launchers.add(launcher);
      launcher.start();
    }
  }

  private void runReceiver(Receiver<?> receiver, int streamId) {
    String walDir = walRoot == null ? null : WalBlockStorer.logDirectory(walRoot, streamId);
    try {
      RDD<Receiver<?>> task = new ReceiverPlacementRDD<>(sc.parallelize(List.<Receiver<?>>of(receiver), 1),
          () -> placeReceiver(streamId));
      Internals.context().runJob(sc, task, (ctx, it) -> {
        ExecutorEnv env = ctx.env();
        // Receivers run on executors in real time, whatever clock drives the driver's batches; their
        // block intervals and restart delays are durations, so a wall-clock step must not stall them.
        Clock clock = new MonotonicClock();
        ReceiverSupervisorImpl supervisor = walDir == null
            ? new ReceiverSupervisorImpl(it.next(), streamId, env, clock)
            : new ReceiverSupervisorImpl(it.next(), streamId, env,
                new WalBlockStorer(walDir, HadoopConfs.fromSluiceConf(env.conf()),
                    SluiceOptions.WAL_DURABILITY.get(env.conf()), env.blockManager(),
                    DriverMetrics.receivedDataTimer(env)), clock);
        supervisor.runUntilStopped();
        return Boolean.TRUE;
      });
    } catch (RuntimeException e) {
      if (accepting) {
        log.error("Receiver of stream {} failed for good", streamId, e);
        deregisterReceiver(streamId, "receiver task failed", String.valueOf(e.getCause() != null ? e.getCause() : e));
      }
    }
  }

  /**
   * Where to run a receiver: an executor hosting no other active receiver, else the one hosting the
   * fewest, so receivers spread over executors while there are enough of them.
   */
  private List<String> placeReceiver(int streamId) {
    List<String> executors = Internals.context().backend(sc).executorIds();
    if (executors.size() <= 1) {
      return List.of();
    }
    Map<String, Integer> load = new HashMap<>();
    executors.forEach(e -> load.put(e, 0));
    infos.values().stream().filter(i -> i.active() && i.streamId() != streamId)
        .forEach(i -> load.computeIfPresent(i.location(), (e, n) -> n + 1));
    return load.entrySet().stream().min(Map.Entry.<String, Integer>comparingByValue()
        .thenComparing(Map.Entry.comparingByKey())).map(e -> List.of(e.getKey())).orElse(List.of());
  }

  /** Asks every receiver to stop and waits until each has stored what it buffered. */
  public void stop() {
    accepting = false;
    controls.forEach((id, control) -> control.stop("streaming context is stopping"));
    for (Thread launcher : launchers) {
      try {
        launcher.join(30_000);
        if (launcher.isAlive()) {
          log.warn("Receiver launcher {} did not finish within 30 s", launcher.getName());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Limits the rate of a running receiver (backpressure); ignored when it is not running. */
  public void updateRate(int streamId, long recordsPerSecond) {
    ReceiverControl control = controls.get(streamId);
    if (control != null) {
      control.updateRate(recordsPerSecond);
    }
  }

  /**
   * Adapts receiver rates to the processing rate after each batch (backpressure). Until the first
   * estimate, receivers store at most {@code initialRate} records/s (0: unlimited), capped by maxRate.
   * The estimates aim at {@code targetUtilization} of the measured processing rate.
   */
  public StreamingListener rateController(long batchIntervalMs, long maxRate, long initialRate,
                                          double targetUtilization) {
    this.initialRate = maxRate > 0 && initialRate > 0 ? Math.min(maxRate, initialRate) : initialRate;
    return new RateController(this, receiverlessInputs, batchIntervalMs, maxRate, targetUtilization);
  }

  // ---------------------------------------------------------------- endpoint (called by supervisors)

  @Override
  public boolean registerReceiver(int streamId, String name, String executorId, ReceiverControl control) {
    if (!accepting) {
      return false;
    }
    controls.put(streamId, control);
    if (initialRate > 0) {
      control.updateRate(initialRate);
    }
    ReceiverInfo info = new ReceiverInfo(streamId, name, true, executorId, lastError(streamId));
    infos.put(streamId, info);
    listenerBus.post(new ListenerEvent.ReceiverStarted(info));
    log.info("Registered receiver for stream {} ({}) on executor {}", streamId, name, executorId);
    return true;
  }

  /** With the write-ahead log on, the block counts as stored only once its addition is logged. */
  @Override
  public void addBlock(ReceivedBlockInfo block) {
    await(blockTracker.addBlock(block));
  }

  @Override
  public void reportError(int streamId, String message, String error) {
    String text = error == null ? message : message + " - " + error;
    ReceiverInfo info = infos.compute(streamId, (id, old) -> old == null
        ? new ReceiverInfo(streamId, "stream-" + streamId, false, "", text)
        : new ReceiverInfo(streamId, old.name(), old.active(), old.location(), text));
    log.warn("Error reported by receiver for stream {}: {}", streamId, text);
    listenerBus.post(new ListenerEvent.ReceiverError(info));
  }

  @Override
  public void deregisterReceiver(int streamId, String message, String error) {
    controls.remove(streamId);
    String text = error == null ? lastError(streamId) : message + " - " + error;
    ReceiverInfo info = infos.compute(streamId, (id, old) -> new ReceiverInfo(streamId,
        old == null ? "stream-" + streamId : old.name(), false, old == null ? "" : old.location(), text));
    log.info("Receiver for stream {} stopped: {}", streamId, message);
    listenerBus.post(new ListenerEvent.ReceiverStopped(info));
  }

  private String lastError(int streamId) {
    ReceiverInfo info = infos.get(streamId);
    return info == null ? "" : info.lastError();
  }

  // ---------------------------------------------------------------- blocks and batches (the block tracker's)

  /** Assigns every block stored so far and not yet assigned to the batch at {@code time}. */
  public void allocateBlocksToBatch(Time time) {
    await(blockTracker.allocateBlocksToBatch(time));
  }

  public List<ReceivedBlockInfo> blocksOfBatch(Time time, int streamId) {
    return blockTracker.batch(time).getOrDefault(streamId, List.of());
  }

  /** Records per input stream in the batch at {@code time}. */
  public Map<Integer, Long> recordsOfBatch(Time time) {
    Map<Integer, Long> counts = new HashMap<>();
    receiverInputs.forEach(i -> counts.put(i.inputId(), 0L));
    blockTracker.batch(time).forEach((stream, blocks) ->
        counts.put(stream, blocks.stream().mapToLong(ReceivedBlockInfo::numRecords).sum()));
    return counts;
  }

  /** Records stored by receivers and not yet in a batch. */
  public long unallocatedRecords() {
    return blockTracker.unallocatedRecords();
  }

  public boolean hasUnallocatedBlocks() {
    return blockTracker.hasUnallocatedBlocks();
  }

  /**
   * Forgets batch assignments at or before {@code time}; their blocks are removed with their RDDs.
   * Does not wait: deleting old log files on HDFS must not hold up the next batch.
   */
  public void cleanupBatchesUpTo(Time time) {
    blockTracker.cleanupBatchesUpTo(time).whenComplete((done, error) -> {
      if (error != null) {
        log.warn("Could not clean the received-block log up to {}; old log files stay until a later cleanup",
            time, error);
      }
    });
  }

  /** Closes the block log (after the receivers stopped). */
  public void closeLog() {
    blockTracker.close();
  }

  public int rememberedBatches() {
    return blockTracker.rememberedBatches();
  }

  /** Waits for the block tracker's answer; no lock is held meanwhile. */
  private static <T> T await(CompletableFuture<T> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new SluiceException(String.valueOf(cause), cause);
    }
  }

  public List<ReceiverInfo> receiverInfos() {
    return List.copyOf(infos.values());
  }
}
