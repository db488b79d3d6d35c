package io.sluice.internal.scheduler;

import io.sluice.internal.shuffle.MapStatus;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One attempt of one task, ready to run on any executor.
 *
 * @param stagePayload the serialized {@link StagePayload}, shared by all tasks of the stage
 * @param shuffleInputs where the map outputs of the shuffles this task reads are
 * @param preferredExecutors executors that hold the task's input, best first (may be empty)
 */
public record TaskDescription(long taskId, int jobId, int stageId, int partition, int attempt, byte[] stagePayload,
                              Map<Integer, MapStatus[]> shuffleInputs, List<String> preferredExecutors)
    implements Serializable {

  public String name() {
    return "task " + partition + "." + attempt + " of stage " + stageId + " (job " + jobId + ")";
  }
}
