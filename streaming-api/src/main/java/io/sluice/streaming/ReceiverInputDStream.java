package io.sluice.streaming;

import io.sluice.core.RDD;
import io.sluice.internal.rdd.BlockRDD;
import io.sluice.internal.storage.BlockId;
import io.sluice.streaming.receiver.Receiver;
import java.util.List;
import java.util.Optional;

/**
 * An input stream fed by a {@link Receiver} running on an executor. Each batch's RDD holds the
 * blocks the receiver stored during that batch interval: one block is one partition.
 */
public abstract class ReceiverInputDStream<T> extends InputDStream<T> {

  protected ReceiverInputDStream(StreamingContext ssc) {
    super(ssc);
  }

  /** The receiver to run; called once, when the context starts. */
  public abstract Receiver<T> getReceiver();

  @Override
  public Optional<Receiver<?>> receiver() {
    Receiver<T> receiver = getReceiver();
    receiver.setStreamId(inputId());
    return Optional.of(receiver);
  }

  @Override
  public Optional<RDD<T>> compute(Time validTime) {
    List<BlockId.StreamBlock> blocks = validTime.isBefore(ssc().graph().startTime()) ? List.of()
        : ssc().receiverTracker().blocksOfBatch(validTime, inputId());
    return Optional.of(new BlockRDD<>(ssc().sluiceContext(), blocks));
  }
}
