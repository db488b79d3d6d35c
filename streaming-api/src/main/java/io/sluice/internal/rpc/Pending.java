package io.sluice.internal.rpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * An ask or fetch waiting for its answer. Whoever removes it from the connection's table completes
 * it, so it completes exactly once.
 */
abstract sealed class Pending permits PendingAsk, PendingStream {
  private final String description;
  private final Duration timeout;
  private volatile ScheduledFuture<?> timer;

  Pending(String description, Duration timeout) {
    this.description = description;
    this.timeout = timeout;
  }

  /** For an ask: until the reply. For a fetch: between chunks, so large transfers are not cut short. */
  Duration timeout() {
    return timeout;
  }

  /** E.g. "ask RegisterExecutor", "fetch of stream 'shuffle_0_1_2'". */
  String description() {
    return description;
  }

  abstract CompletableFuture<?> future();

  void timer(ScheduledFuture<?> timer) {
    this.timer = timer;
  }

  void cancelTimer() {
    ScheduledFuture<?> current = timer;
    if (current != null) {
      current.cancel(false);
    }
  }

  void fail(Throwable error) {
    cancelTimer();
    future().completeExceptionally(error);
  }
}
