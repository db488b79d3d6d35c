package io.sluice.streaming.receiver;

import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.internal.access.ReceiverAccess;
import io.sluice.internal.streaming.receiver.ReceiverSupervisor;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A custom source of records, run on an executor as a long-lived task that occupies one core.
 *
 * <p>{@link #onStart()} must not block: start threads that receive and call {@code store(...)}, and
 * return. {@link #onStop()} must stop those threads. On a recoverable problem (a dropped
 * connection) call {@link #restart}; on an unrecoverable one call {@link #stop}. The receiver
 * object is serialized to the executor, so its fields must be serializable (mark connections and
 * threads {@code transient}).
 */
public abstract class Receiver<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  static {
    Internals.install(new Access());
  }

  private final StorageLevel storageLevel;
  private int streamId = -1;
  private transient ReceiverSupervisor supervisor;

  /** A receiver whose blocks are stored at {@code storageLevel}. */
  protected Receiver(StorageLevel storageLevel) {
    this.storageLevel = storageLevel;
  }

  /** Starts receiving; called on the executor, on a supervisor thread. Must return promptly. */
  public abstract void onStart();

  /** Stops receiving; called on the executor before a restart or when the stream stops. */
  public abstract void onStop();

  /** Buffers one record; records become blocks every {@code sluice.streaming.blockInterval}. */
  public void store(T item) {
    supervisor().pushSingle(item);
  }

  /** Stores the records as one block; returns once the block is stored (for reliable receivers). */
  public void store(Iterator<T> items) {
    supervisor().pushIterator(items);
  }

  /** Stores the records as one block; returns once the block is stored (for reliable receivers). */
  public void store(List<T> items) {
    supervisor().pushIterator(items.iterator());
  }

  /** Stops the receiver, waits the restart delay and starts it again (asynchronously). */
  public void restart(String message) {
    supervisor().restartReceiver(message, null);
  }

  /** As {@link #restart(String)}, reporting {@code error} as the cause. */
  public void restart(String message, Throwable error) {
    supervisor().restartReceiver(message, error);
  }

  /** Stops the receiver for good (asynchronously); the stream goes on without new data from it. */
  public void stop(String message) {
    supervisor().stopReceiver(message, null);
  }

  /** As {@link #stop(String)}, reporting {@code error} as the cause. */
  public void stop(String message, Throwable error) {
    supervisor().stopReceiver(message, error);
  }

  /** Reports an error to the driver without stopping. */
  public void reportError(String message, Throwable error) {
    supervisor().reportError(message, error);
  }

  /** Whether the receiver is running ({@link #onStart()} has returned and it was not stopped). */
  public boolean isStarted() {
    return supervisor != null && supervisor.isReceiverStarted();
  }

  /**
   * True once the receiver was stopped, and also while a restart is under way (until the next
   * {@code onStart}), so receiving threads that loop on {@code !isStopped()} exit before the restart.
   */
  public boolean isStopped() {
    return supervisor == null || supervisor.isReceiverStopped();
  }

  /** The id of the input stream this receiver feeds. */
  public int streamId() {
    return streamId;
  }

  /** The level at which received blocks are stored. */
  public StorageLevel storageLevel() {
    return storageLevel;
  }

  /** An executor (host) this receiver should run on, if it matters (e.g. it reads a local device). */
  public Optional<String> preferredLocation() {
    return Optional.empty();
  }

  private ReceiverSupervisor supervisor() {
    if (supervisor == null) {
      throw new SluiceException("Receiver for stream " + streamId + " is not running on an executor: store(), "
          + "restart() and stop() may only be called after onStart()");
    }
    return supervisor;
  }

  /** Lets the engine bind a receiver to its stream and supervisor, through {@link Internals#receiver()}. */
  private static final class Access implements ReceiverAccess {
    @Override
    public void setStreamId(Receiver<?> receiver, int streamId) {
      receiver.streamId = streamId;
    }

    @Override
    public void attachSupervisor(Receiver<?> receiver, ReceiverSupervisor supervisor) {
      receiver.supervisor = supervisor;
    }

    @Override
    public ReceiverSupervisor supervisor(Receiver<?> receiver) {
      return receiver.supervisor();
    }
  }
}
