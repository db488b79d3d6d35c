package io.sluice.internal.streaming.dstream;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.internal.util.SystemClock;
import io.sluice.streaming.PairInputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.mapreduce.InputFormat;

/** fileStream: the records of new files in a directory, read with a Hadoop InputFormat. */
public final class FileInputDStream<K, V, F extends InputFormat<K, V>> extends PairInputDStream<K, V>
    implements InputHooks {
  private static final long serialVersionUID = 1L;
  private final FileStreamSource<K, V> source;

  public FileInputDStream(StreamingContext ssc, String directory, Class<K> keyClass, Class<V> valueClass,
                          Class<F> format) {
    super(ssc);
    this.source = new FileStreamSource<>(ssc.sluiceContext(), directory, keyClass, valueClass, format, true);
  }

  @Override
  public String name() {
    return "fileStream-" + inputId() + "(" + source.directory() + ")";
  }

  @Override
  public void start() {
    source.start(context().sluiceContext());
  }

  @Override
  protected Optional<RDD<Tuple2<K, V>>> compute(Time validTime) {
    boolean systemClock = Internals.streaming().clock(context()) instanceof SystemClock;
    return Optional.of(source.rddFor(validTime, context().sluiceContext(), systemClock));
  }

  @Override
  protected List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped = super.clearMetadata(time);
    source.forgetBatchesBefore(time.minus(Internals.dstream().rememberDuration(this)));
    return dropped;
  }
}
