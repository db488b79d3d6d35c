package io.sluice.internal.rpc;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Serializer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to an {@link RpcServer}, with its own I/O thread and handler pool. Connected and
 * authenticated once {@link #connect} returns. The server may also ask and send over the same
 * connection; those go to the client's {@link RpcHandler}.
 *
 * <p>Thread-safe (see {@link RpcPeer}). When the connection drops, the client stays unusable until
 * closed; the caller decides whether to reconnect. {@link #close()} must not be called from a
 * callback running on this client's threads.
 */
public final class RpcClient implements RpcPeer, AutoCloseable {

  private final EventLoopGroup group;
  private final ExecutorService pool;
  private final RpcConnection connection;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RpcClient(EventLoopGroup group, ExecutorService pool, RpcConnection connection) {
    this.group = group;
    this.pool = pool;
    this.connection = connection;
  }

  /** Connects with default settings and Kryo messages; the client accepts no requests from the server. */
  public static RpcClient connect(String host, int port, byte[] secret) {
    return connect(new InetSocketAddress(host, port), secret, RpcHandler.none(), StreamSource.none(),
        MessageCodec.defaultSerializer(), RpcSettings.defaults());
  }

  /** Connects with Kryo messages (the encoding every Sluice process uses); see below. */
  public static RpcClient connect(InetSocketAddress address, byte[] secret, RpcHandler handler, StreamSource streams,
      RpcSettings settings) {
    return connect(address, secret, handler, streams, MessageCodec.defaultSerializer(), settings);
  }

  /**
   * Connects and completes the handshake, waiting at most the connect timeout plus the auth timeout.
   *
   * @param secret the application secret, or null when the server does not authenticate. A client
   *     with a secret requires the server to prove it knows the secret too.
   * @param handler serves what the server asks or sends over this connection
   * @param streams serves what the server fetches over this connection
   * @throws SluiceException naming the address when the connection or the handshake fails (refused,
   *     timed out, wrong secret, authentication required but no secret, or the reverse)
   */
  public static RpcClient connect(InetSocketAddress address, byte[] secret, RpcHandler handler, StreamSource streams,
      Serializer serializer, RpcSettings settings) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(serializer, "serializer");
    byte[] key = AuthProtocol.checkedCopy(secret);
    String server = address.getHostString() + ":" + address.getPort();
    EventLoopGroup group = new NioEventLoopGroup(1, RpcThreads.factory("sluice-rpc-client-io"));
    ExecutorService pool = RpcThreads.pool("sluice-rpc-client", settings.handlerThreads());
    Endpoint endpoint = new Endpoint(new MessageCodec(serializer, settings.maxFrameBytes()), handler, streams, pool,
        settings);
    CompletableFuture<Void> handshake = new CompletableFuture<>();
    AtomicReference<RpcConnection> connection = new AtomicReference<>();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            RpcConnection peer = new RpcConnection(channel, address, endpoint);
            connection.set(peer);
            Pipelines.install(channel, new ClientHandshake(key, server, settings.maxFrameBytes(), handshake), endpoint,
                peer);
          }
        });
    try {
      ChannelFuture connect = bootstrap.connect(address).awaitUninterruptibly();
      if (!connect.isSuccess()) {
        throw new SluiceException("Could not connect to " + server + ": " + connect.cause(), connect.cause());
      }
      awaitHandshake(handshake, server, settings.authTimeout());
      return new RpcClient(group, pool, connection.get());
    } catch (RuntimeException e) {
      if (connection.get() != null) {
        connection.get().close();
      }
      shutdownThreads(group, pool);
      throw e;
    }
  }

  private static void shutdownThreads(EventLoopGroup group, ExecutorService pool) {
    RpcThreads.drain(group);
    RpcThreads.shutdown(pool);
    RpcThreads.shutdown(group);
  }

  private static void awaitHandshake(CompletableFuture<Void> handshake, String server, Duration timeout) {
    try {
      handshake.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new SluiceException("Could not connect to " + server + ": no handshake within " + timeout.toMillis()
          + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof SluiceException failure ? failure
          : new SluiceException("Could not connect to " + server + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while connecting to " + server, e);
    }
  }

  @Override
  public InetSocketAddress address() {
    return connection.address();
  }

  /** This end's socket address: what the server's {@link RpcPeer#address()} reports for this client. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) connection.channel().localAddress();
  }

  @Override
  public boolean isOpen() {
    return connection.isOpen();
  }

  @Override
  public <T> CompletableFuture<T> ask(Object request, Duration timeout) {
    return connection.ask(request, timeout);
  }

  @Override
  public void send(Object message) {
    connection.send(message);
  }

  @Override
  public CompletableFuture<byte[]> fetchBytes(String streamId, Duration idleTimeout) {
    return connection.fetchBytes(streamId, idleTimeout);
  }

  @Override
  public CompletableFuture<InputStream> fetchStream(String streamId, Duration idleTimeout) {
    return connection.fetchStream(streamId, idleTimeout);
  }

  /** Closes the connection (outstanding asks and fetches fail at once) and stops the client's threads. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    connection.close();
    connection.channel().closeFuture().awaitUninterruptibly(RpcThreads.IO_SHUTDOWN_WAIT.toMillis());
    shutdownThreads(group, pool);
  }

  @Override
  public String toString() {
    return "RpcClient(" + connection.address() + ")";
  }
}
