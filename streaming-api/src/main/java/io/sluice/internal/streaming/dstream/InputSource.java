package io.sluice.internal.streaming.dstream;

import io.sluice.streaming.receiver.Receiver;
import java.util.Optional;

/**
 * An input stream as the graph sees it: started and stopped with the context, identified by its
 * id (the "stream id" of listener events and receiver blocks).
 */
public interface InputSource extends InputHooks {
  int inputId();

  String name();

  /** The receiver feeding this stream, for receiver-based streams. */
  default Optional<Receiver<?>> receiver() {
    return Optional.empty();
  }
}
