package io.sluice.streaming;

import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.streaming.receiver.Receiver;
import java.util.List;
import java.util.Optional;

/**
 * A stream that brings data in (sockets, files, queues, receivers); its slide is the batch
 * interval and it has no parent streams. Create one with the input methods of
 * {@link StreamingContext}.
 */
public abstract class InputDStream<T> extends DStream<T> {
  private static final long serialVersionUID = 1L;
  private final InputStreamSource source;

  /**
   * Registers a new input stream with {@code ssc}; only before the context starts.
   *
   * @param ssc the context this stream belongs to
   */
  protected InputDStream(StreamingContext ssc) {
    super(ssc);
    this.source = ssc.graph().addInputStream(id -> new InputStreamSource(id, this));
  }

  /**
   * The id of this input stream within its context: the stream id of listener events and of
   * {@link Receiver#streamId()}.
   *
   * @return the input stream id, from 0
   */
  protected final int inputId() {
    return source.inputId();
  }

  /**
   * The name of this stream in the UI and in listener events.
   *
   * @return the class name and the input id by default
   */
  protected String name() {
    return getClass().getSimpleName() + "-" + inputId();
  }

  /** The receiver feeding this stream; only receiver input streams have one. */
  Optional<Receiver<?>> receiver() {
    return Optional.empty();
  }

  InputSource source() {
    return source;
  }

  /**
   * The batch interval of the context.
   *
   * @return the batch interval
   */
  @Override
  public Duration slideDuration() {
    return ssc().graph().batchDuration();
  }

  /**
   * None: an input stream has no parents.
   *
   * @return an empty list
   */
  @Override
  protected List<DStream<?>> dependencies() {
    return List.of();
  }

  @Override
  public String toString() {
    return name();
  }
}
