package io.sluice.internal.streaming.dstream;

import io.sluice.streaming.Time;
import java.util.OptionalLong;

/**
 * What an input stream made by Sluice does besides computing RDDs. The public input stream classes
 * do not implement it (it is not API); Sluice's own input streams do, and the {@link InputSource}
 * the graph holds for them calls it.
 */
public interface InputHooks {
  /** Called once when the context starts, before the first batch. */
  default void start() {}

  default void stop() {}

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
