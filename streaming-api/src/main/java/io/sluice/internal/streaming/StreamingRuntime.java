package io.sluice.internal.streaming;

import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.checkpoint.Checkpoint;
import io.sluice.internal.checkpoint.CheckpointWriter;
import io.sluice.internal.checkpoint.IdentityKeys;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.streaming.receiver.ReceiverTrackerEndpoint;
import io.sluice.internal.streaming.scheduler.JobGenerator;
import io.sluice.internal.streaming.scheduler.JobScheduler;
import io.sluice.internal.streaming.scheduler.ListenerEvent;
import io.sluice.internal.streaming.scheduler.MetadataCheckpointer;
import io.sluice.internal.streaming.scheduler.RateController;
import io.sluice.internal.streaming.scheduler.ReceiverTracker;
import io.sluice.internal.streaming.scheduler.StreamingCleaner;
import io.sluice.internal.streaming.scheduler.StreamingListenerBus;
import io.sluice.internal.util.Clock;
import io.sluice.streaming.Time;
import java.util.Optional;
import io.sluice.internal.streaming.scheduler.StreamingErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a started StreamingContext, wired together: receiver tracker, job
 * generator, job scheduler. Built at start, stopped once.
 */
public final class StreamingRuntime {
  private static final Logger log = LoggerFactory.getLogger(StreamingRuntime.class);
  private static final long POLL_MS = 10;

  private final SluiceContext sc;
  private final Clock clock;
  private final DStreamGraph graph;
  private final StreamingListenerBus listenerBus;
  private final ReceiverTracker receiverTracker;
  private final JobScheduler jobScheduler;
  private final JobGenerator jobGenerator;
  private final Optional<CheckpointWriter> checkpointWriter;
  private final String application;

  /**
   * @param checkpointDir where metadata checkpoints go, if any
   * @param application who writes the checkpoints (app name and main class)
   */
  public StreamingRuntime(SluiceContext sc, Clock clock, DStreamGraph graph, StreamingListenerBus listenerBus,
                          StreamingErrors errors, Optional<String> checkpointDir, String application) {
    this.sc = sc;
    this.clock = clock;
    this.graph = graph;
    this.listenerBus = listenerBus;
    boolean wal = SluiceOptions.WAL_ENABLED.get(sc.conf());
    if (wal && checkpointDir.isEmpty() && graph.inputs().stream().anyMatch(i -> i.receiver().isPresent())) {
      throw new SluiceException(SluiceOptions.WAL_ENABLED.key() + "=true needs a checkpoint directory for the "
          + "log: call StreamingContext.checkpoint(directory) before start()");
    }
    this.receiverTracker = new ReceiverTracker(sc, listenerBus, graph.inputs(),
        wal ? checkpointDir.orElse(null) : null);
    int concurrentJobs = SluiceOptions.CONCURRENT_JOBS.get(sc.conf());
    JobGenerator[] generator = new JobGenerator[1];
    this.jobScheduler = new JobScheduler(clock, concurrentJobs, listenerBus, time -> generator[0].onBatchCompleted(time),
        errors);
    this.application = application;
    this.checkpointWriter = checkpointDir.map(dir -> new CheckpointWriter(dir, sc.hadoopConfiguration(),
        Internals.context().closureSerializer(sc)));
    MetadataCheckpointer checkpointer = checkpointWriter.isPresent() ? this::writeCheckpoint : MetadataCheckpointer.NONE;
    this.jobGenerator = new JobGenerator(clock, graph, receiverTracker, jobScheduler, new StreamingCleaner(sc),
        checkpointer, errors);
    generator[0] = jobGenerator;
  }

  /** How the metadata checkpoints are going; empty without a checkpoint directory. */
  public Optional<io.sluice.internal.checkpoint.CheckpointStatus> checkpointStatus() {
    return checkpointWriter.map(CheckpointWriter::status);
  }

  /** Serializes the graph as of {@code time} (on the generator thread, which owns it) and writes it out. */
  private void writeCheckpoint(Time time) {
    graph.updateCheckpointData();
    checkpointWriter.orElseThrow().write(new Checkpoint(application, time.milliseconds(),
        graph.batchDuration().milliseconds(), IdentityKeys.withoutIdentity(sc.conf().getAll()), graph,
        jobScheduler.pendingBatches()));
  }

  public ReceiverTracker receiverTracker() {
    return receiverTracker;
  }

  public JobScheduler jobScheduler() {
    return jobScheduler;
  }

  public JobGenerator jobGenerator() {
    return jobGenerator;
  }

  /** Checks that can only be made against the cluster (cores for receivers). */
  public void validate() {
    receiverTracker.checkEnoughCores();
    long blockMs = SluiceOptions.BLOCK_INTERVAL_MS.get(sc.conf());
    long batchMs = graph.batchDuration().milliseconds();
    if (receiverTracker.numReceivers() > 0 && blockMs > batchMs) {
      // Legal (Spark allows it too), but receivers hand over data once per block interval, so
      // most batches would be empty and the others would hold several intervals' data.
      log.warn("{} ({} ms) is longer than the batch interval ({} ms): most batches will be empty; set it to at most"
          + " the batch interval", SluiceOptions.BLOCK_INTERVAL_MS.key(), blockMs, batchMs);
    }
    checkpointWriter.ifPresent(CheckpointWriter::checkWritable);
  }

  /** Starts afresh, or, given a checkpoint, carries on from it (regenerating missed batches first). */
  public void start(Optional<Checkpoint> recovered) {
    if (SluiceOptions.BACKPRESSURE_ENABLED.get(sc.conf())) {
      long initialRate = SluiceOptions.BACKPRESSURE_INITIAL_RATE.getOption(sc.conf()).orElseGet(() ->
          RateController.defaultInitialRate(SluiceOptions.BLOCK_INTERVAL_MS.get(sc.conf())));
      listenerBus.addListener(receiverTracker.rateController(graph.batchDuration().milliseconds(),
          SluiceOptions.RECEIVER_MAX_RATE.get(sc.conf()), initialRate,
          SluiceOptions.BACKPRESSURE_TARGET_UTILIZATION.get(sc.conf())));
    }
    listenerBus.start();
    Internals.context().driverEnv(sc).driver().register(ReceiverTrackerEndpoint.class, receiverTracker);
    if (recovered.isPresent()) {
      receiverTracker.recoverFromLog();
    }
    receiverTracker.start();
    if (recovered.isPresent()) {
      jobGenerator.restart(recovered.get().timeMs(), recovered.get().pendingBatchTimes());
    } else {
      jobGenerator.start();
    }
    listenerBus.post(new ListenerEvent.StreamingStarted(clock.currentTimeMillis()));
  }

  /**
   * Stops receiving and processing. Graceful: receivers stop first and store what they buffered,
   * batches are generated until every received block is in one (up to {@code gracefulTimeoutMs}),
   * and every generated batch finishes. Otherwise running jobs are interrupted.
   */
  public void stop(boolean graceful, long gracefulTimeoutMs) {
    receiverTracker.stop();
    if (graceful) {
      long deadline = System.currentTimeMillis() + gracefulTimeoutMs;
      while (receiverTracker.hasUnallocatedBlocks() && System.currentTimeMillis() < deadline) {
        sleep();
      }
      if (receiverTracker.hasUnallocatedBlocks()) {
        log.warn("Graceful stop timed out after {} ms with received data not yet in a batch", gracefulTimeoutMs);
      }
    }
    long lastBatch = jobGenerator.stopTimer(graceful);
    if (graceful) {
      long deadline = System.currentTimeMillis() + gracefulTimeoutMs;
      while (jobScheduler.lastCompletedBatch() < lastBatch && System.currentTimeMillis() < deadline) {
        sleep();
      }
    }
    jobScheduler.stop(graceful);
    jobGenerator.stopLoop();
    receiverTracker.closeLog();
    graph.stop();
    // The loop has stopped, so the graph is quiescent: the last checkpoint says exactly where we are.
    if (checkpointWriter.isPresent()) {
      if (graph.zeroTime() != null) { // null when the start failed before the graph started
        writeCheckpoint(new Time(Math.max(jobGenerator.lastGeneratedBatch(), graph.zeroTime().milliseconds())));
      }
      checkpointWriter.get().close();
    }
    Internals.context().driverEnv(sc).driver().unregister(ReceiverTrackerEndpoint.class);
    listenerBus.stop();
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
