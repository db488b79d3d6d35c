package io.sluice.streaming.scheduler;

/**
 * Hears about the progress of a streaming application. Events are delivered one at a time, in
 * order, on a dedicated listener thread; a slow listener delays only other listeners. An
 * exception thrown by a listener is logged and otherwise ignored.
 */
public interface StreamingListener {
  /** The context started, at {@code time} (ms since the epoch). */
  default void onStreamingStarted(long time) {}

  /** A batch's jobs were submitted. */
  default void onBatchSubmitted(BatchInfo batch) {}

  /** The first job of a batch started. */
  default void onBatchStarted(BatchInfo batch) {}

  /** All jobs of a batch ended (successfully or not). */
  default void onBatchCompleted(BatchInfo batch) {}

  /** An output operation of a batch started. */
  default void onOutputOperationStarted(OutputOperationInfo op) {}

  /** An output operation of a batch ended; {@code failureReason} says whether it failed. */
  default void onOutputOperationCompleted(OutputOperationInfo op) {}

  /** A receiver started on an executor. */
  default void onReceiverStarted(ReceiverInfo receiver) {}

  /** A receiver reported an error (see {@code lastError}). */
  default void onReceiverError(ReceiverInfo receiver) {}

  /** A receiver stopped. */
  default void onReceiverStopped(ReceiverInfo receiver) {}
}
