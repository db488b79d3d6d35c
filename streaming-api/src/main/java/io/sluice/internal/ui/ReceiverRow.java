package io.sluice.internal.ui;

import io.sluice.streaming.scheduler.ReceiverInfo;
import java.util.Optional;

/** One receiver as the UI shows it; {@code lastErrorTime} is by the streaming clock, like batch times. */
record ReceiverRow(ReceiverInfo info, Optional<Long> lastErrorTime) {

  /** The engine writes "" for "no error". */
  Optional<String> lastError() {
    String error = info.lastError();
    return error == null || error.isEmpty() ? Optional.empty() : Optional.of(error);
  }
}
