package io.sluice.internal.rdd;

import io.sluice.api.function.Function2;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import java.util.ArrayList;
import java.util.List;

/** Actions whose driver-side logic is more than one line: take, reduce, fold. */
public final class RddActions {
  private RddActions() {}

  /** Scans partitions in growing rounds (1, then 4x more) until {@code n} records are found. */
  public static <T> List<T> take(RDD<T> rdd, int n) {
    List<T> out = new ArrayList<>();
    int total = rdd.getNumPartitions();
    int scanned = 0;
    int round = 1;
    while (out.size() < n && scanned < total) {
      int from = scanned;
      int to = Math.min(total, scanned + round);
      int want = n - out.size();
      int[] parts = new int[to - from];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = from + i;
      }
      List<List<T>> results = Internals.context().runJob(rdd.context(), rdd, (ctx, it) -> {
        List<T> first = new ArrayList<>(Math.min(want, 1024));
        while (first.size() < want && it.hasNext()) {
          first.add(it.next());
        }
        return first;
      }, parts);
      for (List<T> r : results) {
        for (T t : r) {
          if (out.size() < n) {
            out.add(t);
          }
        }
      }
      scanned = to;
      round *= 4;
    }
    return out;
  }

  public static <T> T reduce(RDD<T> rdd, Function2<T, T, T> f) {
    List<List<T>> partials = Internals.context().runJob(rdd.context(), rdd, (ctx, it) -> {
      if (!it.hasNext()) {
        return List.of();
      }
      T acc = it.next();
      while (it.hasNext()) {
        acc = f.call(acc, it.next());
      }
      return java.util.Collections.singletonList(acc);
    });
    T acc = null;
    boolean any = false;
    for (List<T> p : partials) {
      for (T v : p) {
        acc = any ? call(f, acc, v) : v;
        any = true;
      }
    }
    if (!any) {
      throw new SluiceException("reduce() called on an empty RDD " + rdd.id());
    }
    return acc;
  }

  /** Folds each partition from its own copy of {@code zero} (it is shipped with the task), then the results. */
  public static <T> T fold(RDD<T> rdd, T zero, Function2<T, T, T> f) {
    List<T> partials = Internals.context().runJob(rdd.context(), rdd, (ctx, it) -> {
      T acc = zero;
      while (it.hasNext()) {
        acc = f.call(acc, it.next());
      }
      return acc;
    });
    T acc = Internals.context().copyBySerialization(rdd.context(), zero);
    for (T p : partials) {
      acc = call(f, acc, p);
    }
    return acc;
  }

  private static <T> T call(Function2<T, T, T> f, T a, T b) {
    try {
      return f.call(a, b);
    } catch (Exception e) {
      throw new SluiceException("The function passed to reduce/fold failed on the driver: " + e, e);
    }
  }
}
