package io.sluice.internal.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A fetch collecting its chunks; chunks arrive on the connection's event loop, in order. */
final class PendingStream extends Pending {
  private final CompletableFuture<List<byte[]>> future = new CompletableFuture<>();
  private final List<byte[]> chunks = new ArrayList<>();

  PendingStream(String description, Duration timeout) {
    super(description, timeout);
  }

  @Override
  CompletableFuture<List<byte[]>> future() {
    return future;
  }

  void add(byte[] chunk) {
    chunks.add(chunk);
  }

  void succeed() {
    cancelTimer();
    future.complete(List.copyOf(chunks));
  }
}
