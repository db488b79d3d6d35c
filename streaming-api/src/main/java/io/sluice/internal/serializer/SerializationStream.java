package io.sluice.internal.serializer;

import java.io.Closeable;

/** Writes objects one after another to an underlying stream. Not thread-safe. */
public interface SerializationStream extends Closeable {
  SerializationStream writeObject(Object value);

  void flush();

  @Override
  void close();
}
