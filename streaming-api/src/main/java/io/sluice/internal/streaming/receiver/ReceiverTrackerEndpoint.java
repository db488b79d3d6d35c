package io.sluice.internal.streaming.receiver;

/**
 * What receiver supervisors on executors report to the driver. Implementations are thread-safe
 * and return quickly (they only record and post events).
 */
public interface ReceiverTrackerEndpoint {

  /** Called when a receiver starts; false means the driver is stopping and the receiver must not run. */
  boolean registerReceiver(int streamId, String name, String executorId, ReceiverControl control);

  /** A block is stored (and replicated / logged as its level requires) and can go into a batch. */
  void addBlock(ReceivedBlockInfo block);

  /** A receiver reported an error (it may be restarting). {@code error} is a printable description or null. */
  void reportError(int streamId, String message, String error);

  /** A receiver stopped for good (after {@code stop()} or a fatal error). */
  void deregisterReceiver(int streamId, String message, String error);
}
