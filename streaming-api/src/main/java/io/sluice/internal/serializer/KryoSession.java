package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** A pooled Kryo with the buffers reused by every one-shot serialize/deserialize call on it. */
final class KryoSession {
  private static final int INITIAL_BUFFER = 4096;
  // A rare huge object must not pin its buffer in the pool for the life of the process.
  private static final int MAX_RETAINED_BUFFER = 1 << 20;
  private static final byte[] NO_BYTES = new byte[0];

  private final SluiceKryo kryo;
  private final ClassLoader loader;
  private final Output output = new Output(INITIAL_BUFFER, -1);
  private final Input input = new Input(NO_BYTES);

  KryoSession(SluiceKryo kryo, ClassLoader loader) {
    this.kryo = kryo;
    this.loader = loader;
  }

  SluiceKryo kryo() {
    return kryo;
  }

  ClassLoader loader() {
    return loader;
  }

  Output output() {
    output.reset();
    return output;
  }

  Input input(byte[] bytes) {
    input.setBuffer(bytes);
    return input;
  }

  /** Drops references to the last call's data so the pool does not keep it alive. */
  void clear() {
    if (output.getBuffer().length > MAX_RETAINED_BUFFER) {
      output.setBuffer(new byte[INITIAL_BUFFER], -1);
    }
    input.setBuffer(NO_BYTES);
  }
}
