package io.sluice.internal.streaming.scheduler;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.io.HadoopConfs;
import io.sluice.internal.streaming.receiver.WalBlockStorer;
import io.sluice.internal.wal.FileBasedWriteAheadLog;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import io.sluice.internal.streaming.receiver.ReceiverControl;
import io.sluice.internal.streaming.receiver.ReceiverSupervisorImpl;
import io.sluice.internal.streaming.receiver.ReceiverTrackerEndpoint;
import io.sluice.streaming.Time;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of receivers: launches each receiver as a long-running task (it occupies one
 * core), hears about the blocks they store, and assigns every stored block to exactly one batch.
 * Supervisors call the endpoint methods from any thread; state is guarded by this object's lock.
 */
public final class ReceiverTracker implements ReceiverTrackerEndpoint {
  private static final Logger log = LoggerFactory.getLogger(ReceiverTracker.class);

  private final SluiceContext sc;
  private final StreamingListenerBus listenerBus;
  private final List<InputSource> receiverInputs;
  // Streams that bring data in without a receiver (Kafka direct): backpressure sizes their batches.
  private final List<InputSource> receiverlessInputs;
  private final Map<Integer, List<ReceivedBlockInfo>> unallocated = new HashMap<>();
  private final TreeMap<Time, Map<Integer, List<ReceivedBlockInfo>>> allocated = new TreeMap<>();
  private final Map<Integer, ReceiverControl> controls = new ConcurrentHashMap<>();
  private final Map<Integer, ReceiverInfo> infos = new ConcurrentHashMap<>();
  private final List<Thread> launchers = new ArrayList<>();
  // With the write-ahead log on: the checkpoint directory, this tracker's log, when each batch was allocated.
  private final String walRoot;
  private final ReceivedBlockLog blockLog;
  private final TreeMap<Time, Long> allocatedAtWallTime = new TreeMap<>();
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
    this.blockLog = walRoot == null ? null
        : new ReceivedBlockLog(walRoot, sc.hadoopConfiguration(), Internals.context().closureSerializer(sc));
  }

  /** Rebuilds which blocks were stored and which batch each went into from the log (driver recovery). */
  public synchronized void recoverFromLog() {
    if (blockLog == null) {
      return;
    }
    int blocks = 0;
    for (ReceivedBlockLog.Event event : blockLog.readAll()) {
      if (event instanceof ReceivedBlockLog.BlockAdded added) {
        unallocated.computeIfAbsent(added.block().streamId(), id -> new ArrayList<>()).add(added.block());
        blocks++;
      } else if (event instanceof ReceivedBlockLog.BatchAllocated batch) {
        allocated.put(new Time(batch.timeMs()), batch.blocks());
        batch.blocks().forEach((stream, infos) -> {
          List<ReceivedBlockInfo> waiting = unallocated.get(stream);
          if (waiting != null) {
            waiting.removeAll(infos);
          }
        });
      } else if (event instanceof ReceivedBlockLog.BatchesCleaned cleaned) {
        allocated.headMap(new Time(cleaned.upToTimeMs()), true).clear();
      }
    }
    log.info("Recovered from the block log: {} blocks, {} batches with blocks, {} blocks not yet in a batch",
        blocks, allocated.size(), unallocated.values().stream().mapToInt(List::size).sum());
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
        ReceiverSupervisorImpl supervisor = walDir == null ? new ReceiverSupervisorImpl(it.next(), streamId, env)
            : new ReceiverSupervisorImpl(it.next(), streamId, env,
                new WalBlockStorer(walDir, HadoopConfs.fromSluiceConf(env.conf()), env.blockManager()));
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
   */
  public StreamingListener rateController(long batchIntervalMs, long maxRate, long initialRate) {
    this.initialRate = maxRate > 0 && initialRate > 0 ? Math.min(maxRate, initialRate) : initialRate;
    return new RateController(this, receiverlessInputs, batchIntervalMs, maxRate);
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
    if (blockLog != null) {
      blockLog.write(new ReceivedBlockLog.BlockAdded(block));
    }
    synchronized (this) {
      unallocated.computeIfAbsent(block.streamId(), id -> new ArrayList<>()).add(block);
    }
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

  // ---------------------------------------------------------------- blocks and batches

  /** Assigns every block stored so far and not yet assigned to the batch at {@code time}. */
  public synchronized void allocateBlocksToBatch(Time time) {
    if (allocated.containsKey(time)) {
      return;
    }
    Map<Integer, List<ReceivedBlockInfo>> batch = new HashMap<>();
    unallocated.forEach((stream, blocks) -> batch.put(stream, List.copyOf(blocks)));
    if (blockLog != null) {
      blockLog.write(new ReceivedBlockLog.BatchAllocated(time.milliseconds(), batch));
      allocatedAtWallTime.put(time, System.currentTimeMillis());
    }
    unallocated.clear();
    allocated.put(time, batch);
  }

  public synchronized List<ReceivedBlockInfo> blocksOfBatch(Time time, int streamId) {
    return allocated.getOrDefault(time, Map.of()).getOrDefault(streamId, List.of());
  }

  /** Records per input stream in the batch at {@code time}. */
  public synchronized Map<Integer, Long> recordsOfBatch(Time time) {
    Map<Integer, Long> counts = new HashMap<>();
    receiverInputs.forEach(i -> counts.put(i.inputId(), 0L));
    allocated.getOrDefault(time, Map.of()).forEach((stream, blocks) ->
        counts.put(stream, blocks.stream().mapToLong(ReceivedBlockInfo::numRecords).sum()));
    return counts;
  }

  /** Records stored by receivers and not yet in a batch. */
  public synchronized long unallocatedRecords() {
    return unallocated.values().stream().flatMap(List::stream).mapToLong(ReceivedBlockInfo::numRecords).sum();
  }

  public synchronized boolean hasUnallocatedBlocks() {
    return unallocated.values().stream().anyMatch(blocks -> !blocks.isEmpty());
  }

  /**
   * Forgets batch assignments at or before {@code time}; their blocks are removed with their RDDs.
   * With the write-ahead log on, log files holding only those batches' blocks are deleted: every
   * block logged before the newest forgotten batch was allocated went into a forgotten batch.
   */
  public synchronized void cleanupBatchesUpTo(Time time) {
    allocated.headMap(time, true).clear();
    if (blockLog == null) {
      return;
    }
    var forgotten = allocatedAtWallTime.headMap(time, true);
    if (forgotten.isEmpty()) {
      return;
    }
    long threshold = forgotten.lastEntry().getValue();
    forgotten.clear();
    blockLog.write(new ReceivedBlockLog.BatchesCleaned(time.milliseconds()));
    blockLog.clean(threshold);
    for (InputSource input : receiverInputs) {
      try (FileBasedWriteAheadLog data = new FileBasedWriteAheadLog(
          WalBlockStorer.logDirectory(walRoot, input.inputId()), sc.hadoopConfiguration(), Long.MAX_VALUE / 4)) {
        data.clean(threshold, false);
      }
    }
  }

  /** Closes the block log (after the receivers stopped). */
  public void closeLog() {
    if (blockLog != null) {
      blockLog.close();
    }
  }

  public synchronized int rememberedBatches() {
    return allocated.size();
  }

  public List<ReceiverInfo> receiverInfos() {
    return List.copyOf(infos.values());
  }
}
