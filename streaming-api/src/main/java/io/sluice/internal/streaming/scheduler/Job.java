package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.Time;
import java.util.Optional;

/**
 * The work of one output operation for one batch: a closure that runs the batch's RDD actions.
 * Runs once, on a job-executor thread; its outcome is read after it ran.
 */
public final class Job {

  /** The body of a job; may throw whatever the user's output function throws. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  private final Time time;
  private final int outputOpId;
  private final String name;
  private final Body body;
  private volatile Throwable failure;

  public Job(Time time, int outputOpId, String name, Body body) {
    this.time = time;
    this.outputOpId = outputOpId;
    this.name = name;
    this.body = body;
  }

  void run() {
    try {
      body.run();
    } catch (Throwable t) {
      failure = t;
    }
  }

  public Time time() {
    return time;
  }

  public int outputOpId() {
    return outputOpId;
  }

  public String name() {
    return name;
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public String toString() {
    return "streaming job " + time.milliseconds() + " ms." + outputOpId + " (" + name + ")";
  }
}
