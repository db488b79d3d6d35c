package io.sluice.internal.history;

import io.sluice.internal.util.Clock;

/**
 * The time of the event being replayed, so a StreamingUiListener stamps a receiver error with the
 * time the driver logged for it, as the live UI did. Nothing waits on it.
 */
final class ReplayClock implements Clock {
  private volatile long now;

  void set(long eventTime) {
    now = eventTime;
  }

  @Override
  public long currentTimeMillis() {
    return now;
  }

  @Override
  public long waitTillTime(long targetMillis) {
    throw new UnsupportedOperationException("a replayed log's clock only tells the time of its events");
  }
}
