package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.Time;
import io.sluice.streaming.scheduler.BatchInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The jobs of one batch and its timings; job threads report into it under its lock. */
final class JobSet {
  private final Time time;
  private final List<Job> jobs;
  private final Map<Integer, Long> recordsByStream;
  private final long submissionTime;
  private long processingStartTime = -1;
  private long processingEndTime = -1;
  private int completed;

  JobSet(Time time, List<Job> jobs, Map<Integer, Long> recordsByStream, long submissionTime) {
    this.time = time;
    this.jobs = List.copyOf(jobs);
    this.recordsByStream = Map.copyOf(recordsByStream);
    this.submissionTime = submissionTime;
  }

  Time time() {
    return time;
  }

  List<Job> jobs() {
    return jobs;
  }

  /** Marks a job started; true for the first one (the batch starts processing). */
  synchronized boolean jobStarted(long now) {
    if (processingStartTime < 0) {
      processingStartTime = now;
      return true;
    }
    return false;
  }

  /** Marks a job done; true when it was the last one (the batch is complete). */
  synchronized boolean jobCompleted(long now) {
    completed++;
    if (completed == jobs.size()) {
      processingEndTime = now;
      return true;
    }
    return false;
  }

  synchronized BatchInfo info() {
    return new BatchInfo(time, recordsByStream, submissionTime,
        processingStartTime < 0 ? Optional.empty() : Optional.of(processingStartTime),
        processingEndTime < 0 ? Optional.empty() : Optional.of(processingEndTime));
  }
}
