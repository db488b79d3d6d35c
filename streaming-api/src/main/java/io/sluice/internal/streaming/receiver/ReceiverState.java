package io.sluice.internal.streaming.receiver;

import java.util.EnumSet;
import java.util.Set;

/** Where a supervised receiver is in its life. STOPPED is final. */
enum ReceiverState {
  /** Created; onStart not called yet. */
  INITIALIZED,
  /** onStart was called (or is running) and the receiver is delivering records. */
  STARTED,
  /** Between a restart request and the next onStart: onStop, then the restart delay. */
  RESTARTING,
  /** Stopped for good. */
  STOPPED;

  private Set<ReceiverState> next() {
    return switch (this) {
      case INITIALIZED -> EnumSet.of(STARTED, RESTARTING, STOPPED);
      case STARTED -> EnumSet.of(RESTARTING, STOPPED);
      case RESTARTING -> EnumSet.of(STARTED, STOPPED);
      case STOPPED -> EnumSet.noneOf(ReceiverState.class);
    };
  }

  boolean canMoveTo(ReceiverState target) {
    return next().contains(target);
  }
}
