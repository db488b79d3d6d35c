package io.sluice.internal.rpc;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One end of an authenticated connection, usable in both directions: a client's connection to its
 * server, or a server's view of a connected client (so the driver can push to an executor over the
 * executor's own connection).
 *
 * <p>Thread-safe. No method blocks on the network. Futures complete on the endpoint's handler pool,
 * never on an I/O thread, so dependent stages may block (a request that cannot be encoded is
 * returned already failed). When the connection closes, every
 * outstanding ask and fetch fails at once with a {@link io.sluice.core.SluiceException} naming the
 * address.
 */
public interface RpcPeer {

  /** The remote address: for a server's peer that is the client's (ephemeral) socket address. */
  InetSocketAddress address();

  boolean isOpen();

  /**
   * Sends a message answered by the peer's {@link RpcHandler#receive}. The future fails with
   * {@link RpcTimeoutException} when no reply arrives in time, {@link RemoteFailureException} when
   * the handler failed, or a {@link io.sluice.core.SluiceException} when the request could not be
   * sent (closed connection, unserializable or larger than a frame).
   */
  <T> CompletableFuture<T> ask(Object request, Duration timeout);

  /**
   * Sends a fire-and-forget message to the peer's {@link RpcHandler#receiveOneWay}.
   *
   * @throws io.sluice.core.SluiceException when the connection is closed, or the message cannot be
   *     serialized or is larger than a frame
   */
  void send(Object message);

  /**
   * Fetches the bytes the peer's {@link StreamSource} has under {@code streamId}, transferred in
   * chunks. Fails with {@link RpcTimeoutException} when no chunk arrives for {@code idleTimeout},
   * and with {@link RemoteFailureException} when the stream does not exist or could not be read.
   */
  CompletableFuture<byte[]> fetchBytes(String streamId, Duration idleTimeout);

  /** Like {@link #fetchBytes}, as a stream over the received chunks (no limit of 2 GiB, no final copy). */
  CompletableFuture<InputStream> fetchStream(String streamId, Duration idleTimeout);

  /** Closes this connection (for a client: see {@link RpcClient#close}). */
  void close();
}
