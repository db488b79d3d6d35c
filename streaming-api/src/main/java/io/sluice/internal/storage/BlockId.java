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

  /** A task result too large for a message, waiting on its executor for the driver to fetch it. */
  record TaskResultBlock(long taskId) implements BlockId {
    public String name() {
      return "taskresult_" + taskId;
    }
  }

  /** The id whose {@link #name()} is {@code name}; empty for anything else (names come from the network). */
  static java.util.Optional<BlockId> parse(String name) {
    String[] p = name.split("_|-", -1);
    try {
      if (p.length == 3 && p[0].equals("rdd")) {
        return java.util.Optional.of(new RddBlock(Integer.parseInt(p[1]), Integer.parseInt(p[2])));
      } else if (p.length == 4 && p[0].equals("shuffle")) {
        return java.util.Optional.of(new ShuffleBlock(Integer.parseInt(p[1]), Integer.parseInt(p[2]),
            Integer.parseInt(p[3])));
      } else if (p.length == 3 && p[0].equals("input")) {
        return java.util.Optional.of(new StreamBlock(Integer.parseInt(p[1]), Long.parseLong(p[2])));
      } else if (p.length == 2 && p[0].equals("broadcast")) {
        return java.util.Optional.of(new BroadcastBlock(Long.parseLong(p[1])));
      } else if (p.length == 2 && p[0].equals("taskresult")) {
        return java.util.Optional.of(new TaskResultBlock(Long.parseLong(p[1])));
      }
    } catch (NumberFormatException e) {
      // not one of ours
    }
    return java.util.Optional.empty();
  }
}
