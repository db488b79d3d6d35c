package io.sluice.internal.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Serializer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections and serves them with one {@link RpcHandler} and {@link StreamSource}. Bound and
 * running once {@link #start} returns. A peer that breaks the protocol (bad framing, oversized or
 * undecodable frames, failed or missing authentication) loses its connection, with a WARN naming its
 * address; the server and its other connections are unaffected.
 *
 * <p>Thread-safe. {@link #close()} must not be called from a handler of this server (it waits for
 * the handler pool to finish).
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  private final EventLoopGroup group;
  private final ExecutorService pool;
  private final Channel serverChannel;
  private final InetSocketAddress address;
  private final boolean authenticating;
  private final Map<Channel, RpcConnection> connections = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Binds to {@code host:port} (port 0: an ephemeral port, see {@link #port()}).
   *
   * @param secret the application secret every connection must prove it knows, or null to accept
   *     unauthenticated connections (then anyone who can reach the port can send messages)
   * @param serializer encodes messages; both ends must use the same implementation and settings
   * @throws SluiceException when the port cannot be bound or the secret is shorter than 16 bytes
   */
  public static RpcServer start(String host, int port, byte[] secret, RpcHandler handler, StreamSource streams,
      Serializer serializer, RpcSettings settings) {
    return new RpcServer(host, port, AuthProtocol.checkedCopy(secret), Objects.requireNonNull(handler, "handler"),
        Objects.requireNonNull(streams, "streams"), Objects.requireNonNull(serializer, "serializer"),
        Objects.requireNonNull(settings, "settings"));
  }

  /** A server with Kryo messages (the encoding every Sluice process uses). */
  public static RpcServer start(String host, int port, byte[] secret, RpcHandler handler, StreamSource streams,
      RpcSettings settings) {
    return start(host, port, secret, handler, streams, MessageCodec.defaultSerializer(), settings);
  }

  /** A server with default settings, Kryo messages and no streams. */
  public static RpcServer start(String host, int port, byte[] secret, RpcHandler handler) {
    return start(host, port, secret, handler, StreamSource.none(), MessageCodec.defaultSerializer(),
        RpcSettings.defaults());
  }

  private RpcServer(String host, int port, byte[] secret, RpcHandler handler, StreamSource streams,
      Serializer serializer, RpcSettings settings) {
    this.authenticating = secret != null;
    this.group = new NioEventLoopGroup(settings.ioThreads(), RpcThreads.factory("sluice-rpc-server-io"));
    this.pool = RpcThreads.pool("sluice-rpc-server-handler", settings.handlerThreads());
    Endpoint endpoint = new Endpoint(new MessageCodec(serializer, settings.maxFrameBytes()), handler, streams, pool,
        settings);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            RpcConnection connection = new RpcConnection(channel, channel.remoteAddress(), endpoint);
            connections.put(channel, connection);
            channel.closeFuture().addListener(done -> connections.remove(channel));
            Pipelines.install(channel, new ServerHandshake(secret, settings.authTimeout(), settings.maxFrameBytes()),
                endpoint, connection);
          }
        });
    ChannelFuture bind = bootstrap.bind(host, port).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      shutdownThreads();
      throw new SluiceException("Could not start the RPC server on " + host + ":" + port + ": " + bind.cause(),
          bind.cause());
    }
    this.serverChannel = bind.channel();
    this.address = (InetSocketAddress) serverChannel.localAddress();
    LOG.info("RPC server listening on {} (authentication {})", address, authenticating ? "required" : "off");
  }

  public int port() {
    return address.getPort();
  }

  public InetSocketAddress address() {
    return address;
  }

  public boolean authenticates() {
    return authenticating;
  }

  /** The connections that completed the handshake and are still open. */
  public List<RpcPeer> peers() {
    return connections.values().stream()
        .filter(connection -> connection.isAuthenticated() && connection.isOpen())
        .map(RpcPeer.class::cast)
        .toList();
  }

  /**
   * Stops accepting, closes every connection (their outstanding asks fail, and
   * {@link RpcHandler#disconnected} runs for each), then stops all threads. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    serverChannel.close().awaitUninterruptibly(RpcThreads.IO_SHUTDOWN_WAIT.toMillis());
    List<ChannelFuture> closing = connections.keySet().stream().map(Channel::close).toList();
    closing.forEach(future -> future.awaitUninterruptibly(RpcThreads.IO_SHUTDOWN_WAIT.toMillis()));
    shutdownThreads();
    LOG.info("RPC server on {} stopped", address);
  }

  private void shutdownThreads() {
    // Event loops deliver the close events (queueing disconnect callbacks), then handlers get their
    // grace period with I/O still alive, then I/O stops.
    RpcThreads.drain(group);
    RpcThreads.shutdown(pool);
    RpcThreads.shutdown(group);
  }
}
