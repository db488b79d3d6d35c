package io.sluice.internal.rpc;

import java.util.List;

/** Message records the RPC tests send. */
final class TestMessages {
  private TestMessages() {}

  record Ping(String text, int n) {}

  record Pong(String text, int n, List<Integer> digits) {}

  record Sleep(long millis) {}

  record Boom(String why) {}

  record Note(String text) {}

  record Slow(int n) {}
}
