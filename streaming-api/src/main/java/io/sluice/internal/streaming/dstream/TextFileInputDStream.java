package io.sluice.internal.streaming.dstream;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.internal.util.SystemClock;
import io.sluice.streaming.InputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/** textFileStream: the lines of new text files in a directory. */
public final class TextFileInputDStream extends InputDStream<String>
    implements InputHooks {
  private static final long serialVersionUID = 1L;
  private final FileStreamSource<LongWritable, Text> source;

  public TextFileInputDStream(StreamingContext ssc, String directory) {
    super(ssc);
    // Lines are turned into Strings right away, so Hadoop's reused Text objects need no copying.
    this.source = new FileStreamSource<>(ssc.sluiceContext(), directory, LongWritable.class, Text.class,
        TextInputFormat.class, false);
  }

  @Override
  public String name() {
    return "textFileStream-" + inputId() + "(" + source.directory() + ")";
  }

  @Override
  public void start() {
    source.start(context().sluiceContext());
  }

  @Override
  protected Optional<RDD<String>> compute(Time validTime) {
    boolean systemClock = Internals.streaming().clock(context()) instanceof SystemClock;
    return Optional.of(source.rddFor(validTime, context().sluiceContext(), systemClock)
        .map(line -> line._2().toString()));
  }

  @Override
  protected List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped = super.clearMetadata(time);
    source.forgetBatchesBefore(time.minus(Internals.dstream().rememberDuration(this)));
    return dropped;
  }
}
