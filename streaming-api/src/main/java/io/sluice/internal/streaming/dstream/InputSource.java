package io.sluice.internal.streaming.dstream;

import io.sluice.streaming.Time;
import io.sluice.streaming.receiver.Receiver;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An input stream as the graph sees it: started and stopped with the context, identified by its
 * id (the "stream id" of listener events and receiver blocks).
 */
public interface InputSource {
  int inputId();

  String name();

  /** Called once when the context starts, before the first batch. */
  default void start() {}

  default void stop() {}

  /** The receiver feeding this stream, for receiver-based streams. */
  default Optional<Receiver<?>> receiver() {
    return Optional.empty();
  }

  /**
   * Records this stream put into the batch at {@code time}, for streams without a receiver (they
   * decide a batch's contents when they compute it, e.g. a Kafka direct stream's offset ranges).
   * Called on the job-generation thread after the batch's jobs are generated.
   */
  default OptionalLong recordsInBatch(Time time) {
    return OptionalLong.empty();
  }

  /**
   * Backpressure for streams without a receiver: from the next batch on, bring in at most this
   * many records per second of batch interval. Called on the listener thread.
   */
  default void updateRate(long recordsPerSecond) {}
}
