package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.io.Output;
import io.sluice.core.SluiceException;
import java.io.OutputStream;

/** Objects written back to back through one Kryo instance and one buffer, held until {@link #close()}. */
final class KryoSerializationStream implements SerializationStream {
  private static final int BUFFER_SIZE = 64 * 1024;

  interface Release {
    void giveBack(KryoSession session, boolean healthy);
  }

  private final KryoSession session;
  private final Output output;
  private final SerializerRole role;
  private final Release release;
  private boolean healthy = true;
  private boolean closed;

  KryoSerializationStream(KryoSession session, OutputStream out, SerializerRole role, Release release) {
    this.session = session;
    this.output = new Output(out, BUFFER_SIZE);
    this.role = role;
    this.release = release;
  }

  @Override
  public SerializationStream writeObject(Object value) {
    checkOpen();
    if (!healthy) {
      // Part of the failed object may already be in the buffer or the stream; anything after it would be unreadable.
      throw new SluiceException("Serialization stream is unusable after a failed write");
    }
    try {
      session.kryo().writeClassAndObject(output, value);
    } catch (RuntimeException e) {
      healthy = false;
      throw SerializationFailures.onWrite(role, value, e);
    }
    return this;
  }

  @Override
  public void flush() {
    checkOpen();
    try {
      output.flush();
    } catch (RuntimeException e) {
      throw new SluiceException("Could not flush a serialization stream: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      output.close();
    } catch (RuntimeException e) {
      healthy = false;
      throw new SluiceException("Could not close a serialization stream: " + e.getMessage(), e);
    } finally {
      release.giveBack(session, healthy);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new SluiceException("Serialization stream is closed");
    }
  }
}
