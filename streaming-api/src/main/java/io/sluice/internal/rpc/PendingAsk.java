package io.sluice.internal.rpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

final class PendingAsk extends Pending {
  private final CompletableFuture<Object> future = new CompletableFuture<>();

  PendingAsk(String description, Duration timeout) {
    super(description, timeout);
  }

  @Override
  CompletableFuture<Object> future() {
    return future;
  }

  void succeed(Object reply) {
    cancelTimer();
    future.complete(reply);
  }
}
