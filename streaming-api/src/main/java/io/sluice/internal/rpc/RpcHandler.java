package io.sluice.internal.rpc;

import java.util.concurrent.CompletionStage;

/**
 * What a server (or a client, for messages its server pushes) does with incoming traffic.
 *
 * <p>Threads: never called on a Netty event loop, but on the endpoint's handler pool. Calls for one
 * connection are made one at a time, in arrival order (connected, messages, disconnected); calls for
 * different connections run concurrently, so implementations shared by several connections must be
 * thread-safe. A call that blocks delays only its own connection's later messages; long work should
 * return a {@link CompletionStage} instead of blocking.
 */
@FunctionalInterface
public interface RpcHandler {

  /**
   * Answers a request. The return value is sent back as the reply; a returned {@link CompletionStage}
   * is sent when it completes. An exception (thrown, or completing the stage) is sent back as a
   * failure carrying its type and message, and the connection stays open.
   */
  Object receive(RpcCall call) throws Exception;

  /** A one-way message. Exceptions are logged and otherwise ignored. */
  default void receiveOneWay(Object message, RpcPeer from) {}

  /** The peer completed the handshake (authenticated, when a secret is configured). */
  default void connected(RpcPeer peer) {}

  /** A connection that was {@link #connected} is gone; its outstanding asks have already failed. */
  default void disconnected(RpcPeer peer) {}

  /** Rejects every request (naming its type) and ignores one-way messages: for clients that only ask. */
  static RpcHandler none() {
    return call -> {
      throw new UnsupportedOperationException("this endpoint does not accept requests ("
          + MessageCodec.typeName(call.message()) + ")");
    };
  }
}
