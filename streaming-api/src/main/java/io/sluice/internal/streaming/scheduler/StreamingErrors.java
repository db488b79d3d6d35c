package io.sluice.internal.streaming.scheduler;

/**
 * Where the streaming scheduler reports errors. As in Spark Streaming, a failed job is reported
 * to whoever waits in awaitTermination while batches go on; a fatal error also stops the context.
 */
public interface StreamingErrors {
  /** A batch's output operation failed (its tasks exhausted their retries, or the function threw). */
  void jobFailed(Throwable error);

  /** The streaming machinery itself failed, or an {@link Error} was thrown: the context must stop. */
  void fatal(Throwable error);
}
