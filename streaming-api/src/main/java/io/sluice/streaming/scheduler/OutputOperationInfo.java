package io.sluice.streaming.scheduler;

import io.sluice.streaming.Time;
import java.util.Optional;

/**
 * One output operation of one batch. {@code id} is the operation's position in definition order;
 * {@code failureReason} holds the error when its job failed.
 */
public record OutputOperationInfo(Time batchTime, int id, String name, Optional<Long> startTime,
                                  Optional<Long> endTime, Optional<String> failureReason) {

  /** How long the operation ran (end - start), once it has ended. */
  public Optional<Long> duration() {
    return startTime.flatMap(start -> endTime.map(end -> end - start));
  }
}
