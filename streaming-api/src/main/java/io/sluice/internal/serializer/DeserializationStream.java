package io.sluice.internal.serializer;

import java.io.Closeable;
import java.util.Iterator;

/** Reads back objects written by a {@link SerializationStream}. Not thread-safe. */
public interface DeserializationStream extends Closeable {
  /** The remaining objects, read lazily; the stream is closed when the iterator is exhausted. */
  <T> Iterator<T> asIterator();

  @Override
  void close();
}
