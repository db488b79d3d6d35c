package io.sluice.internal.ui;

import io.sluice.streaming.scheduler.BatchInfo;
import java.util.Locale;
import java.util.Optional;

/** One batch as the UI shows it: the engine's latest BatchInfo plus what its output operations reported. */
record BatchRow(BatchInfo info, Status status, int failedOutputOps, Optional<String> firstFailureReason) {

  enum Status {
    QUEUED, PROCESSING, COMPLETED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  long batchTime() {
    return info.batchTime().milliseconds();
  }

  BatchRow withInfo(BatchInfo newInfo, Status newStatus) {
    return new BatchRow(newInfo, newStatus, failedOutputOps, firstFailureReason);
  }

  BatchRow withFailure(String reason) {
    return new BatchRow(info, status, failedOutputOps + 1, firstFailureReason.or(() -> Optional.of(reason)));
  }
}
