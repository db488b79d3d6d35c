package io.sluice.internal.streaming.dstream;

import io.sluice.api.Tuple2;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import io.sluice.core.Partitioner;
import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.stream.Collectors;

/** Shared pieces of DStream operations: per-batch RDD recipes, output formats and argument checks. */
public final class DStreamOps {
  private static final String RULE = "-------------------------------------------";

  private DStreamOps() {}

  /** Exactly one record: the count (0 for an empty batch), summed through a one-partition shuffle. */
  public static <T> RDD<Long> countRecords(RDD<T> rdd) {
    RDD<Tuple2<Integer, Long>> perPartition = rdd.mapPartitions(it -> {
      long n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      return List.of(new Tuple2<>(0, n)).iterator();
    });
    RDD<Tuple2<Integer, Long>> zero = rdd.context().parallelize(List.of(new Tuple2<>(0, 0L)), 1);
    return io.sluice.core.PairRDD.fromRDD(perPartition.union(zero)).reduceByKey(Long::sum, 1).values();
  }

  /** At most one record: all records reduced with {@code f}; none for an empty batch. */
  public static <T> RDD<T> reduceToOne(RDD<T> rdd, Function2<T, T, T> f) {
    return rdd.mapToPair(x -> new Tuple2<>(0, x)).reduceByKey(f, 1).values();
  }

  /** The guide's print() format: a header with the batch time, up to {@code num} records, "..." if there are more. */
  public static <T> void printBatch(RDD<T> rdd, Time time, int num) {
    List<T> first = rdd.take(num + 1);
    StringBuilder out = new StringBuilder();
    out.append(RULE).append('\n').append("Time: ").append(time).append('\n').append(RULE).append('\n');
    for (int i = 0; i < Math.min(num, first.size()); i++) {
      out.append(first.get(i)).append('\n');
    }
    if (first.size() > num) {
      out.append("...\n");
    }
    out.append('\n');
    System.out.print(out);
    System.out.flush();
  }

  /** {@code prefix-TIME_IN_MS}, or {@code prefix-TIME_IN_MS.suffix} when a suffix is given. */
  public static String batchFileName(String prefix, String suffix, Time time) {
    String name = prefix + "-" + time.milliseconds();
    return suffix == null || suffix.isEmpty() ? name : name + "." + suffix;
  }

  public static StreamingContext commonContext(List<? extends DStream<?>> streams, String operation) {
    if (streams.isEmpty()) {
      throw new SluiceException(operation + " needs at least one DStream");
    }
    StreamingContext ssc = streams.get(0).context();
    for (DStream<?> s : streams) {
      if (s.context() != ssc) {
        throw new SluiceException(operation + ": all DStreams must belong to the same StreamingContext");
      }
    }
    return ssc;
  }

  public static void checkSameSlide(List<? extends DStream<?>> streams, String operation) {
    if (streams.stream().map(DStream::slideDuration).distinct().count() > 1) {
      throw new SluiceException(operation + ": all DStreams must have the same slide duration, got "
          + streams.stream().map(s -> s + " every " + s.slideDuration()).collect(Collectors.joining(", ")));
    }
  }

  public static void checkSameSlide(DStream<?> a, DStream<?> b, String operation) {
    checkSameSlide(List.of(a, b), operation);
  }

  /** Window length and slide must be whole multiples of the parent's slide. */
  public static void checkWindow(DStream<?> parent, Duration windowLength, Duration slide) {
    Duration parentSlide = parent.slideDuration();
    if (windowLength.milliseconds() <= 0 || !windowLength.isMultipleOf(parentSlide)) {
      throw new SluiceException("The window duration of a windowed DStream (" + windowLength
          + ") must be a positive multiple of the slide duration of its parent DStream (" + parentSlide + ")");
    }
    if (slide.milliseconds() <= 0 || !slide.isMultipleOf(parentSlide)) {
      throw new SluiceException("The slide duration of a windowed DStream (" + slide
          + ") must be a positive multiple of the slide duration of its parent DStream (" + parentSlide + ")");
    }
  }

  public static <T> DStream<T> reduceByWindow(DStream<T> stream, Function2<T, T, T> f, Function2<T, T, T> invF,
                                              Duration windowLength, Duration slide) {
    return stream.mapToPair(x -> new Tuple2<>(0, x)).reduceByKeyAndWindow(f, invF, windowLength, slide, 1, null)
        .map(Tuple2::_2);
  }

  public static <K, V> PairDStream<K, V> reduceByKeyAndWindow(PairDStream<K, V> stream, Function2<V, V, V> f,
                                                              Function2<V, V, V> invF, Duration windowLength,
                                                              Duration slide, Partitioner p,
                                                              Function<Tuple2<K, V>, Boolean> filterF) {
    return new ReducedWindowedDStream<>(stream, f, invF, filterF, windowLength, slide, p);
  }
}
