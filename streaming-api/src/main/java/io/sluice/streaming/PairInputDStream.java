package io.sluice.streaming;

import io.sluice.internal.streaming.dstream.InputSource;
import java.util.List;

/** An input stream of key-value pairs (file streams read with a Hadoop InputFormat). */
public abstract class PairInputDStream<K, V> extends PairDStream<K, V> implements InputSource {
  private static final long serialVersionUID = 1L;
  private final int inputId;

  protected PairInputDStream(StreamingContext ssc) {
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
