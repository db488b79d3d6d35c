package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the handshake. Without a secret it sends HELLO and steps aside. With one, it
 * sends a CHALLENGE and accepts exactly one AUTH_RESPONSE within the timeout; anything else closes
 * the connection. On success it raises the frame limit, fires {@link HandshakeComplete}, removes
 * itself and proves itself to the client with AUTH_OK.
 */
final class ServerHandshake extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ServerHandshake.class);

  private final byte[] secret;
  private final Duration timeout;
  private final int maxFrameBytes;
  private byte[] serverNonce;
  private ScheduledFuture<?> deadline;
  private boolean finished;

  /** @param secret null when connections need not authenticate */
  ServerHandshake(byte[] secret, Duration timeout, int maxFrameBytes) {
    this.secret = secret;
    this.timeout = timeout;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Accepted channels become active after the whole pipeline is installed; starting any earlier
   * (e.g. in handlerAdded) would fire {@link HandshakeComplete} before its listener exists.
   */
  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  private void start(ChannelHandlerContext ctx) {
    if (secret == null) {
      ctx.writeAndFlush(Frames.frame(FrameType.HELLO, new byte[] {FrameType.PROTOCOL_VERSION}));
      succeed(ctx);
      return;
    }
    serverNonce = AuthProtocol.nonce();
    ctx.writeAndFlush(Frames.frame(FrameType.CHALLENGE, new byte[] {FrameType.PROTOCOL_VERSION}, serverNonce));
    deadline = ctx.executor().schedule(
        () -> fail(ctx, "did not authenticate within " + timeout.toMillis() + " ms"),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      if (finished) {
        return; // the connection is being closed; drop whatever was already read
      }
      byte type = frame.isReadable() ? frame.readByte() : -1;
      if (type != FrameType.AUTH_RESPONSE) {
        fail(ctx, "sent a frame of type " + FrameType.name(type) + " before authenticating");
        return;
      }
      if (frame.readableBytes() != AuthProtocol.NONCE_BYTES + AuthProtocol.PROOF_BYTES) {
        fail(ctx, "sent a malformed authentication response");
        return;
      }
      byte[] clientNonce = new byte[AuthProtocol.NONCE_BYTES];
      byte[] proof = new byte[AuthProtocol.PROOF_BYTES];
      frame.readBytes(clientNonce).readBytes(proof);
      if (!AuthProtocol.matches(AuthProtocol.clientProof(secret, serverNonce, clientNonce), proof)) {
        ctx.writeAndFlush(Frames.frame(FrameType.AUTH_REJECTED));
        fail(ctx, "failed authentication (wrong secret)");
        return;
      }
      succeed(ctx);
      ctx.writeAndFlush(Frames.frame(FrameType.AUTH_OK, AuthProtocol.serverProof(secret, serverNonce, clientNonce)));
      LOG.debug("Authenticated connection from {}", ctx.channel().remoteAddress());
    } finally {
      ReferenceCountUtil.release(frame);
    }
  }

  /** Everything after this runs in order on the event loop, before any later frame is read. */
  private void succeed(ChannelHandlerContext ctx) {
    finished = true;
    cancelDeadline();
    ctx.pipeline().get(FrameDecoder.class).allowFrames(maxFrameBytes);
    ctx.fireUserEventTriggered(HandshakeComplete.INSTANCE);
    ctx.pipeline().remove(this);
  }

  private void fail(ChannelHandlerContext ctx, String problem) {
    if (finished) {
      return;
    }
    finished = true;
    cancelDeadline();
    Rejections.reject(ctx, problem);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!finished) {
      finished = true;
      cancelDeadline();
      Rejections.report(ctx.channel(), "closed before it authenticated");
    }
    super.channelInactive(ctx);
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
    }
  }
}
