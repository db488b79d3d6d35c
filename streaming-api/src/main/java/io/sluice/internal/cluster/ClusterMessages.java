package io.sluice.internal.cluster;

import io.sluice.internal.scheduler.TaskDescription;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import java.util.List;
import java.util.Map;

/**
 * The protocol between the driver and its executors, and between executors. Every message is an
 * immutable record; user data (task payloads, results, errors) travels as bytes serialized by the
 * application's serializers, so the transport never needs user classes.
 */
public final class ClusterMessages {
  private ClusterMessages() {}

  /** Where an executor's block server listens. */
  public record ExecutorAddress(String executorId, String host, int port) {}

  // ---------------------------------------------------------------- executor -> driver

  /** Ask, answered with {@link Registered}: the first message of an executor. */
  public record RegisterExecutor(String executorId, String host, int port, int cores, long maxMemoryBytes) {}

  /**
   * Ask, answered like {@link RegisterExecutor}: an executor that outlived its driver joins the next one
   * under the same id, with the tracked blocks it still holds (received blocks, cached partitions)
   * and the YARN container it runs in (empty outside YARN).
   */
  public record ReattachExecutor(String executorId, String host, int port, int cores, long maxMemoryBytes,
                                 List<BlockId> blocks, String processId) {}

  /** The application's configuration, so the executor serializes exactly as the driver does. */
  public record Registered(Map<String, String> conf) {}

  /** One-way, every {@code sluice.executor.heartbeatInterval}. */
  public record Heartbeat(String executorId, long blockMemoryUsed) {}

  /** One-way: the task returned; {@code result} serialized with the data serializer. */
  public record TaskFinished(long taskId, byte[] result) {}

  /** One-way: the task's result is too large for a message and waits in the executor's block store. */
  public record TaskResultStored(long taskId, long sizeBytes) {}

  /** One-way: the task threw; the error Java-serialized (null if it could not be), and as text. */
  public record TaskFailed(long taskId, byte[] error, String description) {}

  /** One-way: a shuffle input the task needed was not where its map status said. */
  public record TaskFetchFailed(long taskId, int shuffleId, int mapId, String message) {}

  /** One-way: a tracked block (received, cached partition) appeared in or left an executor's store. */
  public record BlockUpdate(String executorId, BlockId block, boolean present) {}

  /** Ask, answered with a list of {@link ExecutorAddress}: where copies of a block are. */
  public record GetBlockLocations(BlockId block) {}

  /** Ask, answered with a list holding the executor's address, or an empty list when it is not alive. */
  public record GetExecutorAddress(String executorId) {}

  /** Ask, answered with the addresses of every live executor except the asking one. */
  public record GetPeers(String askingExecutorId) {}

  // The receiver tracker's endpoint, asked by receiver supervisors on executors.

  /** Ask, answered with a Boolean: false when the driver is stopping and the receiver must not run. */
  public record RegisterReceiver(int streamId, String name, String executorId) {}

  /** Ask, answered once the driver has recorded (and logged) the block. */
  public record AddBlock(ReceivedBlockInfo block) {}

  public record ReportReceiverError(int streamId, String message, String error) {}

  public record DeregisterReceiver(int streamId, String message, String error) {}

  // ---------------------------------------------------------------- driver -> executor (one-way)

  public record LaunchTask(TaskDescription task) {}

  public record StopReceiver(int streamId, String reason) {}

  public record UpdateReceiverRate(int streamId, long recordsPerSecond) {}

  public record RemoveBlocks(List<BlockId> blocks) {}

  public record RemoveRdd(int rddId) {}

  public record RemoveShuffle(int shuffleId) {}

  /** The application is over (or this executor is surplus): exit. */
  public record StopExecutor(String reason) {}

  /**
   * Fresh Hadoop delegation tokens (a {@code Credentials} in Hadoop's token-storage format) for the
   * executor's user, replacing those about to expire: on a kerberized cluster, the ApplicationMaster
   * obtains them from its keytab before the old ones run out.
   */
  public record UpdateCredentials(byte[] tokens) {}

  // ---------------------------------------------------------------- executor -> executor

  /** Ask, answered with a Boolean: fetch the block from {@code source} and keep a copy at {@code level}. */
  public record ReplicateBlock(BlockId block, ExecutorAddress source, String level) {}

  /** The stream id under which a process's block server serves a block. */
  public static String blockStream(BlockId block) {
    return "block/" + block.name();
  }

  /** The block a stream id names, or null when it names none. */
  public static BlockId blockOfStream(String streamId) {
    return streamId.startsWith("block/") ? BlockId.parse(streamId.substring(6)).orElse(null) : null;
  }
}
