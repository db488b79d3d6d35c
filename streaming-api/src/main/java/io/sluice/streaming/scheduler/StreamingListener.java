package io.sluice.streaming.scheduler;

/**
 * Hears about the progress of a streaming application. Events are delivered one at a time, in
 * order, on a dedicated listener thread; a slow listener delays only other listeners. An
 * exception thrown by a listener is logged and otherwise ignored.
 */
public interface StreamingListener {
  default void onStreamingStarted(long time) {}

  default void onBatchSubmitted(BatchInfo batch) {}

  default void onBatchStarted(BatchInfo batch) {}

  default void onBatchCompleted(BatchInfo batch) {}

  default void onOutputOperationStarted(OutputOperationInfo op) {}

  default void onOutputOperationCompleted(OutputOperationInfo op) {}

  default void onReceiverStarted(ReceiverInfo receiver) {}

  default void onReceiverError(ReceiverInfo receiver) {}

  default void onReceiverStopped(ReceiverInfo receiver) {}
}
