package io.sluice.internal.streaming;

import io.sluice.core.SluiceContext;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.streaming.receiver.ReceiverTrackerEndpoint;
import io.sluice.internal.streaming.scheduler.JobGenerator;
import io.sluice.internal.streaming.scheduler.JobScheduler;
import io.sluice.internal.streaming.scheduler.ListenerEvent;
import io.sluice.internal.streaming.scheduler.ReceiverTracker;
import io.sluice.internal.streaming.scheduler.StreamingCleaner;
import io.sluice.internal.streaming.scheduler.StreamingListenerBus;
import io.sluice.internal.util.Clock;
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

  public StreamingRuntime(SluiceContext sc, Clock clock, DStreamGraph graph, StreamingListenerBus listenerBus,
                          StreamingErrors errors) {
    this.sc = sc;
    this.clock = clock;
    this.graph = graph;
    this.listenerBus = listenerBus;
    this.receiverTracker = new ReceiverTracker(sc, listenerBus, graph.inputs());
    int concurrentJobs = sc.conf().get(SluiceOptions.CONCURRENT_JOBS);
    JobGenerator[] generator = new JobGenerator[1];
    this.jobScheduler = new JobScheduler(clock, concurrentJobs, listenerBus, time -> generator[0].onBatchCompleted(time),
        errors);
    this.jobGenerator = new JobGenerator(clock, graph, receiverTracker, jobScheduler, new StreamingCleaner(sc),
        errors);
    generator[0] = jobGenerator;
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
  }

  public void start() {
    if (sc.conf().get(SluiceOptions.BACKPRESSURE_ENABLED)) {
      listenerBus.addListener(receiverTracker.rateController(graph.batchDuration().milliseconds(),
          sc.conf().get(SluiceOptions.RECEIVER_MAX_RATE)));
    }
    listenerBus.start();
    sc.driverEnv().driver().register(ReceiverTrackerEndpoint.class, receiverTracker);
    receiverTracker.start();
    jobGenerator.start();
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
    graph.stop();
    sc.driverEnv().driver().unregister(ReceiverTrackerEndpoint.class);
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
