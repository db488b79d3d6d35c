package io.sluice.internal.storage;

import java.io.Serializable;

/** Names a block in a block store. The name is stable and unique within an application. */
public sealed interface BlockId extends Serializable {
  String name();

  /** Partition {@code partition} of a persisted RDD. */
  record RddBlock(int rddId, int partition) implements BlockId {
    public String name() {
      return "rdd_" + rddId + "_" + partition;
    }
  }

  /** The output of map task {@code mapId} of a shuffle, for reduce partition {@code reduceId}. */
  record ShuffleBlock(int shuffleId, int mapId, int reduceId) implements BlockId {
    public String name() {
      return "shuffle_" + shuffleId + "_" + mapId + "_" + reduceId;
    }
  }

  /** One block of records received by the receiver of input stream {@code streamId}. */
  record StreamBlock(int streamId, long uniqueId) implements BlockId {
    public String name() {
      return "input-" + streamId + "-" + uniqueId;
    }
  }

  /** The serialized value of a broadcast variable. */
  record BroadcastBlock(long broadcastId) implements BlockId {
    public String name() {
      return "broadcast_" + broadcastId;
    }
  }
}
