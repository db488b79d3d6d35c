package io.sluice.internal.checkpoint;

import io.sluice.internal.streaming.DStreamGraph;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a driver needs to carry on after a failure, as of one batch time: the configuration
 * (without identity), the DStream graph with the user's functions and each stream's recoverable
 * state (file streams' seen files, state streams' checkpointed RDDs), the batches generated but
 * not completed, and who wrote it.
 *
 * <p>Received blocks are not here: with the write-ahead log on, the block tracker keeps its own log.
 *
 * @param application the app name and main class that wrote it, to reject another application's checkpoint
 */
public record Checkpoint(String application, long timeMs, long batchDurationMs, Map<String, String> conf,
                         DStreamGraph graph, List<Long> pendingBatchTimes) implements Serializable {}
