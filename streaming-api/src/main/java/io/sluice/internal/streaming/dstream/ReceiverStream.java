package io.sluice.internal.streaming.dstream;

import io.sluice.streaming.ReceiverInputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.receiver.Receiver;

/** The input stream of a given receiver: sockets, and custom receivers from receiverStream(). */
public final class ReceiverStream<T> extends ReceiverInputDStream<T> {
  private static final long serialVersionUID = 1L;
  private final Receiver<T> receiver;
  private final String name;

  public ReceiverStream(StreamingContext ssc, Receiver<T> receiver, String name) {
    super(ssc);
    this.receiver = receiver;
    this.name = name;
  }

  @Override
  public Receiver<T> getReceiver() {
    return receiver;
  }

  @Override
  public String name() {
    return name + "-" + inputId();
  }
}
