package io.sluice.internal.serializer;

import io.sluice.core.SluiceException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/** Java-serialized objects back to back, with the handle table reset every {@code resetInterval} objects. */
final class JdkSerializationStream implements SerializationStream {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final ObjectOutputStream out;
  private final SerializerRole role;
  private final int resetInterval;
  private long written;
  private boolean failed;
  private boolean closed;

  JdkSerializationStream(OutputStream target, SerializerRole role, int resetInterval) {
    this.role = role;
    this.resetInterval = resetInterval;
    try {
      this.out = new JdkObjectOutputStream(new BufferedOutputStream(target, BUFFER_SIZE));
    } catch (IOException e) {
      throw new SluiceException("Could not open a serialization stream: " + e.getMessage(), e);
    }
  }

  @Override
  public SerializationStream writeObject(Object value) {
    checkOpen();
    if (failed) {
      // Part of the failed object may already be in the stream; anything after it would be unreadable.
      throw new SluiceException("Serialization stream is unusable after a failed write");
    }
    try {
      // Reset before an object, never after the last one: the reader relies on every byte after an
      // object boundary belonging to a further object.
      if (written > 0 && written % resetInterval == 0) {
        out.reset();
      }
      out.writeObject(value);
      written++;
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw SerializationFailures.onWrite(role, value, e);
    }
    return this;
  }

  @Override
  public void flush() {
    checkOpen();
    try {
      out.flush();
    } catch (IOException e) {
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
      out.close();
    } catch (IOException e) {
      throw new SluiceException("Could not close a serialization stream: " + e.getMessage(), e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new SluiceException("Serialization stream is closed");
    }
  }
}
