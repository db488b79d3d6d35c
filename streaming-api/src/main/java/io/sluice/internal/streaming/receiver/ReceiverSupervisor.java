package io.sluice.internal.streaming.receiver;

import java.util.Iterator;

/**
 * The executor-side runtime a {@link io.sluice.streaming.receiver.Receiver} talks to: it buffers
 * and stores what the receiver produces, and starts, restarts and stops the receiver.
 */
public interface ReceiverSupervisor {

  /** Buffers one record; it becomes part of the next block (every sluice.streaming.blockInterval). */
  void pushSingle(Object record);

  /** Stores the records as one block and returns once it is stored (reliable receivers rely on this). */
  void pushIterator(Iterator<?> records);

  /** Stops the receiver, waits the restart delay, and starts it again, asynchronously. */
  void restartReceiver(String message, Throwable error);

  /** Stops the receiver for good, asynchronously. */
  void stopReceiver(String message, Throwable error);

  /** Reports a non-fatal error to the driver (listeners and the UI see it). */
  void reportError(String message, Throwable error);

  boolean isReceiverStarted();

  boolean isReceiverStopped();
}
