package io.sluice.internal.streaming.receiver;

/** The driver's handle on a running receiver's supervisor (direct in local mode, RPC otherwise). */
public interface ReceiverControl {
  /** Asks the supervisor to stop the receiver and finish storing what it buffered. */
  void stop(String reason);

  /** Limits how many records per second the receiver may store (backpressure); 0 lifts the limit. */
  void updateRate(long recordsPerSecond);
}
