package io.sluice.streaming;

import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.BlockRDD;
import io.sluice.internal.rdd.WalBackedBlockRDD;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import io.sluice.internal.storage.BlockId;
import io.sluice.streaming.receiver.Receiver;
import java.util.List;
import java.util.Optional;

/**
 * An input stream fed by a {@link Receiver} running on an executor. Each batch's RDD holds the
 * blocks the receiver stored during that batch interval: one block is one partition.
 */
public abstract class ReceiverInputDStream<T> extends InputDStream<T> {
  private static final long serialVersionUID = 1L;

  /**
   * Registers a new receiver input stream with {@code ssc}; only before the context starts.
   *
   * @param ssc the context this stream belongs to
   */
  protected ReceiverInputDStream(StreamingContext ssc) {
    super(ssc);
  }

  /**
   * The receiver to run on an executor; called on the driver once, when the context starts.
   *
   * @return a new receiver, not yet started
   */
  public abstract Receiver<T> getReceiver();

  @Override
  Optional<Receiver<?>> receiver() {
    Receiver<T> receiver = getReceiver();
    Internals.receiver().setStreamId(receiver, inputId());
    return Optional.of(receiver);
  }

  /**
   * The blocks the receiver stored for this batch, one partition each; blocks also in the
   * write-ahead log are read from there when no block store has them any more (after a driver
   * failure).
   *
   * @param validTime the batch time
   * @return an RDD of the batch's blocks, possibly empty
   */
  @Override
  protected Optional<RDD<T>> compute(Time validTime) {
    List<ReceivedBlockInfo> blocks = validTime.isBefore(ssc().graph().startTime()) ? List.of()
        : ssc().receiverTracker().blocksOfBatch(validTime, inputId());
    List<BlockId.StreamBlock> ids = blocks.stream().map(ReceivedBlockInfo::blockId).toList();
    if (!blocks.isEmpty() && blocks.stream().allMatch(b -> b.walSegment() != null)) {
      return Optional.of(new WalBackedBlockRDD<>(ssc().sluiceContext(), ids,
          blocks.stream().map(ReceivedBlockInfo::walSegment).toList()));
    }
    return Optional.of(new BlockRDD<>(ssc().sluiceContext(), ids));
  }
}
