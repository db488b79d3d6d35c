package io.sluice.internal.streaming.scheduler;

import io.sluice.core.RDD;
import io.sluice.internal.streaming.DStreamGraph;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.internal.util.Clock;
import io.sluice.internal.util.EventLoop;
import io.sluice.internal.util.RecurringTimer;
import io.sluice.streaming.Time;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns clock ticks into batches. Its event loop owns batch generation: on each tick it assigns
 * received blocks to the batch, asks the graph for the batch's jobs and submits them; when a batch
 * completes it drops the RDDs, blocks and shuffles no longer needed.
 */
public final class JobGenerator {
  private static final Logger log = LoggerFactory.getLogger(JobGenerator.class);

  private sealed interface Event {}

  private record GenerateJobs(Time time) implements Event {}

  private record ClearMetadata(Time time) implements Event {}

  /** Write a metadata checkpoint as of {@code time}: after its jobs are generated, and after it completed. */
  private record DoCheckpoint(Time time) implements Event {}

  private final DStreamGraph graph;
  private final ReceiverTracker receiverTracker;
  private final JobScheduler jobScheduler;
  private final StreamingCleaner cleaner;
  private final RecurringTimer timer;
  private final EventLoop<Event> loop;
  private final MetadataCheckpointer checkpointer;
  private volatile long lastGeneratedBatch = -1;
  private volatile long lastClearedBatch = -1;

  public JobGenerator(Clock clock, DStreamGraph graph, ReceiverTracker receiverTracker, JobScheduler jobScheduler,
                      StreamingCleaner cleaner, MetadataCheckpointer checkpointer, StreamingErrors errors) {
    this.graph = graph;
    this.checkpointer = checkpointer;
    this.receiverTracker = receiverTracker;
    this.jobScheduler = jobScheduler;
    this.cleaner = cleaner;
    this.timer = new RecurringTimer(clock, graph.batchDuration().milliseconds(),
        time -> post(new GenerateJobs(new Time(time))), "sluice-job-generator-timer");
    this.loop = new EventLoop<>("sluice-job-generator", this::handle, errors::fatal);
  }

  /** Starts the first batch one interval from now (the graph's zero time is the tick before it). */
  public void start() {
    long first = timer.firstStartTime();
    graph.start(new Time(first).minus(graph.batchDuration()));
    loop.start();
    // A checkpoint from the start: a driver that dies before its first batch is recoverable too.
    post(new DoCheckpoint(graph.zeroTime()));
    timer.start(first);
    log.info("Started job generator; first batch at {} ms, every {}", first, graph.batchDuration());
  }

  /**
   * Starts a graph recovered from a checkpoint: first regenerates, in time order, the batches that
   * were pending when the checkpoint was written and those the driver missed while it was down,
   * then continues on the regular schedule.
   */
  public void restart(long checkpointTime, java.util.List<Long> pendingTimes) {
    long next = timer.firstStartTime();
    graph.restart();
    loop.start();
    java.util.TreeSet<Long> times = new java.util.TreeSet<>(pendingTimes);
    long batch = graph.batchDuration().milliseconds();
    for (long t = checkpointTime + batch; t < next; t += batch) {
      times.add(t);
    }
    log.info("Recovering from the checkpoint of {} ms: regenerating {} batches ({}), then batches from {} ms",
        checkpointTime, times.size(), times, next);
    for (long t : times) {
      post(new GenerateJobs(new Time(t)));
    }
    timer.start(next);
  }

  /** Called when a batch's jobs have all finished, on a job thread. */
  public void onBatchCompleted(Time time) {
    post(new ClearMetadata(time));
  }

  private void post(Event event) {
    loop.post(event);
  }

  private void handle(Event event) {
    if (event instanceof GenerateJobs g) {
      generateJobs(g.time());
      post(new DoCheckpoint(g.time()));
    } else if (event instanceof ClearMetadata c) {
      clearMetadata(c.time());
      post(new DoCheckpoint(c.time()));
    } else if (event instanceof DoCheckpoint d) {
      checkpointer.checkpoint(d.time());
    }
  }

  private void generateJobs(Time time) {
    receiverTracker.allocateBlocksToBatch(time);
    List<Job> jobs = graph.generateJobs(time);
    jobScheduler.submitJobSet(time, jobs, recordsOfBatch(time));
    lastGeneratedBatch = time.milliseconds();
  }

  /** Records per input stream: what receivers stored for the batch, and what receiver-less streams took in. */
  private Map<Integer, Long> recordsOfBatch(Time time) {
    Map<Integer, Long> records = new HashMap<>(receiverTracker.recordsOfBatch(time));
    for (InputSource input : graph.inputs()) {
      input.recordsInBatch(time).ifPresent(n -> records.put(input.inputId(), n));
    }
    return records;
  }

  private void clearMetadata(Time time) {
    List<RDD<?>> dropped = graph.clearMetadata(time);
    cleaner.afterClear(dropped, graph.rememberedRdds());
    receiverTracker.cleanupBatchesUpTo(time.minus(graph.maxRememberDuration()));
    lastClearedBatch = Math.max(lastClearedBatch, time.milliseconds());
  }

  /** The latest batch whose completion cleanup (old RDDs, blocks, shuffles) has run, or -1. */
  public long lastClearedBatch() {
    return lastClearedBatch;
  }

  /** The time of the latest batch generated, or -1. */
  public long lastGeneratedBatch() {
    return lastGeneratedBatch;
  }

  /**
   * Stops generating batches. Graceful: one more tick is generated (so data received until now
   * gets a batch) and the loop stays up for the cleanup of running batches; else at once.
   */
  public long stopTimer(boolean graceful) {
    return timer.stop(!graceful);
  }

  public void stopLoop() {
    loop.stop();
  }
}
