package io.sluice.internal.storage;

import io.sluice.internal.serializer.Serializer;
import java.util.List;

/**
 * Guesses the heap size of a list of objects from the serialized size of a sample. Objects on the
 * heap are larger than their serialized form (headers, pointers), hence the factor.
 */
final class SizeEstimator {
  private static final int SAMPLE = 32;
  private static final int HEAP_OVERHEAD_FACTOR = 3;
  private static final int OBJECT_OVERHEAD = 16;

  private SizeEstimator() {}

  static long estimate(List<?> values, Serializer serializer) {
    if (values instanceof LineBlock lines) {
      return lines.heapBytes();
    }
    int n = values.size();
    if (n == 0) {
      return OBJECT_OVERHEAD;
    }
    int step = Math.max(1, n / SAMPLE);
    long sampled = 0;
    int count = 0;
    for (int i = 0; i < n && count < SAMPLE; i += step, count++) {
      Object v = values.get(i);
      sampled += v == null ? 0 : serializer.serialize(v).length;
    }
    return (long) ((double) sampled / count * n * HEAP_OVERHEAD_FACTOR) + (long) n * OBJECT_OVERHEAD;
  }
}
