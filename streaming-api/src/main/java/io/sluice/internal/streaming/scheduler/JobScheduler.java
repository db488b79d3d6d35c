package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.internal.util.Clock;
import io.sluice.internal.util.DaemonThreads;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of each batch on {@code concurrentJobs} threads. With one thread (the default),
 * output operations run in definition order and batches one after another. Reports every step to
 * the listener bus and logs each batch's total delay. A job that fails (its tasks exhausted their
 * retries, or the output function threw) fails its output operation and is reported (awaitTermination
 * throws it) while later batches go on; a failure caused by an {@link Error} is fatal.
 */
public final class JobScheduler {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

  private final Clock clock;
  private final StreamingListenerBus listenerBus;
  private final Consumer<io.sluice.streaming.Time> onBatchCompleted;
  private final StreamingErrors errors;
  private final ExecutorService jobExecutor;
  private final AtomicInteger batchesRunning = new AtomicInteger();
  private final AtomicLong lastCompletedBatch = new AtomicLong(-1);
  private final java.util.Set<Long> pendingBatches = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public JobScheduler(Clock clock, int concurrentJobs, StreamingListenerBus listenerBus,
                      Consumer<io.sluice.streaming.Time> onBatchCompleted, StreamingErrors errors) {
    this.clock = clock;
    this.listenerBus = listenerBus;
    this.onBatchCompleted = onBatchCompleted;
    this.errors = errors;
    // Deep stacks: a job's thread serializes its tasks, each with its RDD's whole lineage.
    this.jobExecutor = Executors.newFixedThreadPool(concurrentJobs, DaemonThreads.tasks("sluice-streaming-job"));
  }

  public void submitJobSet(io.sluice.streaming.Time time, List<Job> jobs, Map<Integer, Long> recordsByStream) {
    if (jobs.isEmpty()) {
      log.info("No jobs added for time {}", time);
      lastCompletedBatch.accumulateAndGet(time.milliseconds(), Math::max);
      onBatchCompleted.accept(time);
      return;
    }
    JobSet set = new JobSet(time, jobs, recordsByStream, clock.currentTimeMillis());
    batchesRunning.incrementAndGet();
    pendingBatches.add(time.milliseconds());
    listenerBus.post(new ListenerEvent.BatchSubmitted(set.info()));
    for (Job job : set.jobs()) {
      jobExecutor.execute(() -> runJob(set, job));
    }
    log.debug("Added {} jobs for time {}", jobs.size(), time);
  }

  private void runJob(JobSet set, Job job) {
    long start = clock.currentTimeMillis();
    if (set.jobStarted(start)) {
      listenerBus.post(new ListenerEvent.BatchStarted(set.info()));
    }
    listenerBus.post(new ListenerEvent.OutputOperationStarted(new OutputOperationInfo(job.time(), job.outputOpId(),
        job.name(), Optional.of(start), Optional.empty(), Optional.empty())));
    job.run();
    long end = clock.currentTimeMillis();
    Optional<String> failure = job.failure().map(JobScheduler::describe);
    listenerBus.post(new ListenerEvent.OutputOperationCompleted(new OutputOperationInfo(job.time(),
        job.outputOpId(), job.name(), Optional.of(start), Optional.of(end), failure)));
    job.failure().ifPresent(error -> {
      log.error("Error running {}", job, error);
      if (isFatal(error)) {
        errors.fatal(error);
      } else {
        errors.jobFailed(error);
      }
    });
    if (set.jobCompleted(end)) {
      batchCompleted(set);
    }
  }

  private void batchCompleted(JobSet set) {
    BatchInfo info = set.info();
    log.info("Total delay: {} s for time {} ms (execution: {} s)", seconds(info.totalDelay().orElse(0L)),
        info.batchTime().milliseconds(), seconds(info.processingDelay().orElse(0L)));
    listenerBus.post(new ListenerEvent.BatchCompleted(info));
    lastCompletedBatch.accumulateAndGet(info.batchTime().milliseconds(), Math::max);
    pendingBatches.remove(info.batchTime().milliseconds());
    batchesRunning.decrementAndGet();
    onBatchCompleted.accept(info.batchTime());
  }

  /** An {@link Error} anywhere in the cause chain (out of memory, linkage, ...) stops the context. */
  static boolean isFatal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Error) {
        return true;
      }
    }
    return false;
  }

  private static String seconds(long ms) {
    return String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
  }

  private static String describe(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error));
    for (Throwable c = error.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      text.append("; caused by: ").append(c);
    }
    return text.toString();
  }

  /** The time of the latest batch whose jobs all finished, or -1. */
  public long lastCompletedBatch() {
    return lastCompletedBatch.get();
  }

  /** Times of the batches submitted whose jobs have not all finished (a checkpoint records them). */
  public List<Long> pendingBatches() {
    List<Long> times = new java.util.ArrayList<>(pendingBatches);
    times.sort(null);
    return times;
  }

  public boolean hasRunningBatches() {
    return batchesRunning.get() > 0;
  }

  /** Stops taking jobs; with {@code waitForJobs}, lets the queued and running ones finish first. */
  public void stop(boolean waitForJobs) {
    jobExecutor.shutdown();
    try {
      if (!waitForJobs) {
        if (!jobExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
          jobExecutor.shutdownNow();
        }
      } else if (!jobExecutor.awaitTermination(1, TimeUnit.HOURS)) {
        log.warn("Streaming jobs did not finish within an hour of a graceful stop");
        jobExecutor.shutdownNow();
      }
    } catch (InterruptedException e) {
      jobExecutor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
