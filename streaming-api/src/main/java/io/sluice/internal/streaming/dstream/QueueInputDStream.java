package io.sluice.internal.streaming.dstream;

import io.sluice.core.RDD;
import io.sluice.internal.rdd.UnionRDD;
import io.sluice.streaming.InputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

/**
 * Each batch takes RDDs a test or program pushed into a queue: one per batch, or all queued so far.
 * With nothing queued, the batch is the default RDD, or empty. The queue lives only in this
 * driver, so this stream cannot be recovered from a checkpoint.
 */
public final class QueueInputDStream<T> extends InputDStream<T>
    implements InputHooks {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueueInputDStream.class);

  private final transient Queue<RDD<T>> queue;
  private final boolean oneAtATime;
  private final transient RDD<T> defaultRdd;

  public QueueInputDStream(StreamingContext ssc, Queue<RDD<T>> queue, boolean oneAtATime, RDD<T> defaultRdd) {
    super(ssc);
    this.queue = queue;
    this.oneAtATime = oneAtATime;
    this.defaultRdd = defaultRdd;
  }

  @Override
  public void start() {
    if (queue == null) {
      log.warn("{} was recovered from a checkpoint, but its queue lived only in the previous driver: it produces "
          + "empty batches", name());
    } else if (context().checkpointDirectory().isPresent()) {
      log.warn("{}: a queue stream cannot be recovered from a checkpoint (its RDDs live only in this driver)",
          name());
    }
  }

  @Override
  protected Optional<RDD<T>> compute(Time validTime) {
    if (queue == null) {
      return Optional.of(context().sluiceContext().emptyRDD());
    }
    List<RDD<T>> taken = new ArrayList<>();
    // Users may push from other threads; Spark's contract is that the queue is locked on itself.
    synchronized (queue) {
      if (oneAtATime) {
        RDD<T> next = queue.poll();
        if (next != null) {
          taken.add(next);
        }
      } else {
        for (RDD<T> rdd = queue.poll(); rdd != null; rdd = queue.poll()) {
          taken.add(rdd);
        }
      }
    }
    if (taken.size() == 1) {
      return Optional.of(taken.get(0));
    }
    if (!taken.isEmpty()) {
      return Optional.of(new UnionRDD<>(context().sluiceContext(), taken));
    }
    return Optional.of(defaultRdd != null ? defaultRdd : context().sluiceContext().emptyRDD());
  }
}
