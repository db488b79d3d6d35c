package io.sluice.streaming;

import io.sluice.internal.streaming.dstream.InputSource;
import java.util.List;

/**
 * An input stream of key-value pairs (file streams read with a Hadoop InputFormat); its slide is
 * the batch interval and it has no parent streams.
 */
public abstract class PairInputDStream<K, V> extends PairDStream<K, V> {
  private static final long serialVersionUID = 1L;
  private final InputStreamSource source;

  /**
   * Registers a new input stream with {@code ssc}; only before the context starts.
   *
   * @param ssc the context this stream belongs to
   */
  protected PairInputDStream(StreamingContext ssc) {
    super(ssc);
    this.source = ssc.graph().addInputStream(id -> new InputStreamSource(id, this));
  }

  /**
   * The id of this input stream within its context: the stream id of listener events.
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
