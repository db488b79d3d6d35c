package io.sluice.internal.util;

import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.Function;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Lazy iterator transformations over user functions; user exceptions pass through unchanged. */
public final class Iterators {
  private Iterators() {}

  public static <T, R> Iterator<R> map(Iterator<T> in, Function<T, R> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public R next() {
        try {
          return f.call(in.next());
        } catch (Exception e) {
          throw Unchecked.rethrow(e);
        }
      }
    };
  }

  public static <T> Iterator<T> filter(Iterator<T> in, Function<T, Boolean> keep) {
    return new Iterator<>() {
      private T next;
      private boolean ready;

      @Override
      public boolean hasNext() {
        try {
          while (!ready && in.hasNext()) {
            T candidate = in.next();
            if (Boolean.TRUE.equals(keep.call(candidate))) {
              next = candidate;
              ready = true;
            }
          }
          return ready;
        } catch (Exception e) {
          throw Unchecked.rethrow(e);
        }
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        T result = next;
        next = null;
        return result;
      }
    };
  }

  public static <T, R> Iterator<R> flatMap(Iterator<T> in, FlatMapFunction<T, R> f) {
    return new Iterator<>() {
      private Iterator<R> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        try {
          while (!current.hasNext() && in.hasNext()) {
            Iterator<R> produced = f.call(in.next());
            current = produced == null ? Collections.emptyIterator() : produced;
          }
          return current.hasNext();
        } catch (Exception e) {
          throw Unchecked.rethrow(e);
        }
      }

      @Override
      public R next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** Iterates the iterators one after the other. */
  public static <T> Iterator<T> concat(List<? extends Iterator<? extends T>> parts) {
    Iterator<? extends Iterator<? extends T>> outer = parts.iterator();
    return new Iterator<>() {
      private Iterator<? extends T> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && outer.hasNext()) {
          current = outer.next();
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  public static <T> List<T> toList(Iterator<T> in) {
    List<T> out = new ArrayList<>();
    in.forEachRemaining(out::add);
    return out;
  }
}
