package io.sluice.internal.access;

import io.sluice.internal.streaming.receiver.ReceiverSupervisor;
import io.sluice.streaming.receiver.Receiver;

/** The engine-only members of {@link Receiver}; see {@link Internals}. */
public interface ReceiverAccess {
  /** Binds the receiver to its input stream. */
  void setStreamId(Receiver<?> receiver, int streamId);

  /** Connects the receiver to the supervisor that runs it on the executor. */
  void attachSupervisor(Receiver<?> receiver, ReceiverSupervisor supervisor);

  /** The supervisor running the receiver (for engine receivers that store other than records). */
  ReceiverSupervisor supervisor(Receiver<?> receiver);
}
