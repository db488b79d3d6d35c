package io.sluice.streaming;

import io.sluice.internal.streaming.dstream.InputHooks;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.streaming.receiver.Receiver;
import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the graph sees an {@link InputDStream} or a {@link PairInputDStream}: a separate object, so
 * that the public classes need not implement the internal {@link InputSource}. Lifecycle calls go
 * to the stream when it implements {@link InputHooks} (Sluice's own input streams do).
 */
final class InputStreamSource implements InputSource, Serializable {
  private static final long serialVersionUID = 1L;
  private static final InputHooks NO_HOOKS = new InputHooks() {};

  private final int inputId;
  private final DStream<?> stream;

  InputStreamSource(int inputId, DStream<?> stream) {
    this.inputId = inputId;
    this.stream = stream;
  }

  @Override
  public int inputId() {
    return inputId;
  }

  @Override
  public String name() {
    return stream instanceof InputDStream<?> input ? input.name() : ((PairInputDStream<?, ?>) stream).name();
  }

  @Override
  public Optional<Receiver<?>> receiver() {
    return stream instanceof InputDStream<?> input ? input.receiver() : Optional.empty();
  }

  @Override
  public void start() {
    hooks().start();
  }

  @Override
  public void stop() {
    hooks().stop();
  }

  @Override
  public OptionalLong recordsInBatch(Time time) {
    return hooks().recordsInBatch(time);
  }

  @Override
  public void updateRate(long recordsPerSecond) {
    hooks().updateRate(recordsPerSecond);
  }

  private InputHooks hooks() {
    return stream instanceof InputHooks hooks ? hooks : NO_HOOKS;
  }

  @Override
  public String toString() {
    return name();
  }
}
