package io.sluice.streaming;

import io.sluice.internal.streaming.dstream.InputSource;
import java.util.List;

/** A stream that brings data in (sockets, files, queues, receivers); its slide is the batch interval. */
public abstract class InputDStream<T> extends DStream<T> implements InputSource {
  private static final long serialVersionUID = 1L;
  private final int inputId;

  protected InputDStream(StreamingContext ssc) {
    super(ssc);
    this.inputId = ssc.graph().addInputStream(this);
  }

  @Override
  public final int inputId() {
    return inputId;
  }

  @Override
  public String name() {
    return getClass().getSimpleName() + "-" + inputId;
  }

  @Override
  public Duration slideDuration() {
    return ssc().graph().batchDuration();
  }

  @Override
  public List<DStream<?>> dependencies() {
    return List.of();
  }

  @Override
  public String toString() {
    return name();
  }
}
