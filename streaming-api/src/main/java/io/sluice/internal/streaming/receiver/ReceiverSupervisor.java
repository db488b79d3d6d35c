package io.sluice.internal.streaming.receiver;

import java.util.Iterator;

/**
 * The executor-side runtime a {@link io.sluice.streaming.receiver.Receiver} talks to: it buffers
 * and stores what the receiver produces, and starts, restarts and stops the receiver.
 */
public interface ReceiverSupervisor {

  /** Buffers one record; it becomes part of the next block (every sluice.streaming.blockInterval). */
  void pushSingle(Object record);

  /**
   * Buffers text lines as their UTF-8 bytes: {@code bytes[from, to)} holds whole lines, each ending
   * with '\n'; each becomes one String record, decoded only when a task reads it. The caller may
   * reuse the array once this returns.
   */
  void pushLines(byte[] bytes, int from, int to);

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
