package io.sluice.internal.serializer;

import io.sluice.core.SluiceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.PushbackInputStream;
import java.util.Iterator;

/**
 * Reads what a {@link JdkSerializationStream} wrote. Java serialization has no end marker and an
 * EOFException cannot tell a clean end from a truncated object, so the stream peeks one byte at each
 * object boundary (where ObjectInputStream has nothing buffered): no byte means a clean end.
 */
final class JdkDeserializationStream implements DeserializationStream, ObjectIterator.Source {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final PushbackInputStream in;
  private final ClassLoader loader;
  private ObjectInputStream objects;
  private long objectsRead;
  private boolean closed;

  JdkDeserializationStream(InputStream source, ClassLoader loader) {
    this.in = new PushbackInputStream(new BufferedInputStream(source, BUFFER_SIZE), 1);
    this.loader = loader;
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
      if (objects == null) {
        // Opened lazily: the constructor reads the stream header, and an empty input is an empty stream.
        if (atEnd()) {
          return ObjectIterator.END;
        }
        objects = new JdkObjectInputStream(in, loader);
      }
      if (atEnd()) {
        return ObjectIterator.END;
      }
      Object value = objects.readObject();
      objectsRead++;
      return value;
    } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
      throw SerializationFailures.onRead("object " + objectsRead + " of a stream", e);
    }
  }

  private boolean atEnd() throws IOException {
    int next = in.read();
    if (next < 0) {
      return true;
    }
    in.unread(next);
    return false;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      in.close();
    } catch (IOException e) {
      throw new SluiceException("Could not close a deserialization stream: " + e.getMessage(), e);
    }
  }
}
