package io.sluice.internal.serializer;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads one object ahead from a {@link Source} and closes the source once it reports the end, so a
 * caller that simply drains the iterator never leaks the underlying stream.
 */
final class ObjectIterator<T> implements Iterator<T> {
  /** Returned by {@link Source#readNext()} when no object is left. */
  static final Object END = new Object();

  interface Source {
    /** The next object (may be null), or {@link #END}. */
    Object readNext();

    void close();
  }

  private final Source source;
  private Object next;
  private boolean fetched;
  private boolean done;

  ObjectIterator(Source source) {
    this.source = source;
  }

  @Override
  public boolean hasNext() {
    if (!fetched && !done) {
      next = source.readNext();
      fetched = true;
      if (next == END) {
        done = true;
        next = null;
        source.close();
      }
    }
    return !done;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more objects in the stream");
    }
    fetched = false;
    T value = (T) next;
    next = null;
    return value;
  }
}
