package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.io.Input;
import io.sluice.core.SluiceException;
import java.io.InputStream;
import java.util.Iterator;

/** Reads until the end of the input what a {@link KryoSerializationStream} wrote. */
final class KryoDeserializationStream implements DeserializationStream, ObjectIterator.Source {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final KryoSession session;
  private final Input input;
  private final KryoSerializationStream.Release release;
  private long objectsRead;
  private boolean healthy = true;
  private boolean closed;

  KryoDeserializationStream(KryoSession session, InputStream in, KryoSerializationStream.Release release) {
    this.session = session;
    this.input = new Input(in, BUFFER_SIZE);
    this.release = release;
  }

  @Override
  public <T> Iterator<T> asIterator() {
    return new ObjectIterator<>(this);
  }

  @Override
  public Object readNext() {
    if (closed) {
      throw new SluiceException("Deserialization stream is closed");
    }
    try {
      if (input.end()) {
        return ObjectIterator.END;
      }
      Object value = session.kryo().readClassAndObject(input);
      objectsRead++;
      return value;
    } catch (RuntimeException | LinkageError e) {
      healthy = false;
      throw SerializationFailures.onRead("object " + objectsRead + " of a stream", e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      input.close();
    } catch (RuntimeException e) {
      throw new SluiceException("Could not close a deserialization stream: " + e.getMessage(), e);
    } finally {
      release.giveBack(session, healthy);
    }
  }
}
