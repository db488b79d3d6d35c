package io.sluice.internal.rpc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last handler of a connection: hands decoded traffic and lifecycle events to its {@link RpcConnection}. */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  private final RpcConnection connection;

  ConnectionHandler(RpcConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (Rejections.isRejected(ctx.channel())) {
      // Frames decoded in the same read as the offending one: the connection is closing, drop them.
      ReferenceCountUtil.release(msg);
    } else if (msg instanceof Envelope envelope) {
      connection.onEnvelope(envelope);
    } else if (msg instanceof StreamChunk chunk) {
      connection.onChunk(chunk);
    } else {
      ReferenceCountUtil.release(msg);
      throw new IllegalStateException("unexpected pipeline message " + msg.getClass().getName());
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == HandshakeComplete.INSTANCE) {
      connection.onAuthenticated();
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    connection.onClosed();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ProtocolViolation violation = violationIn(cause);
    if (violation != null) {
      Rejections.reject(ctx, violation.getMessage());
    } else if (cause instanceof IOException) {
      // Resets and broken pipes are how peers die; the disconnect callback reports it.
      LOG.debug("Connection with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    } else {
      LOG.warn("Closing connection with {} after an unexpected error", ctx.channel().remoteAddress(), cause);
      ctx.close();
    }
  }

  /** Netty wraps exceptions from decoders in DecoderException. */
  private static ProtocolViolation violationIn(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ProtocolViolation violation) {
        return violation;
      }
    }
    return null;
  }
}
