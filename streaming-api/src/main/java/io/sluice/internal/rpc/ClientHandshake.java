package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.sluice.core.SluiceException;
import java.util.concurrent.CompletableFuture;

/**
 * The client's side of the handshake: answers the server's challenge and checks the server's proof
 * in turn, so a client holding a secret never talks to a server that does not know it (nor to one
 * that skips authentication). Completes {@code done} on the event loop, or fails it with the reason.
 */
final class ClientHandshake extends ChannelInboundHandlerAdapter {
  private final byte[] secret;
  private final String server;
  private final int maxFrameBytes;
  private final CompletableFuture<Void> done;
  private byte[] serverNonce;
  private byte[] clientNonce;

  /** @param secret null when the client has none */
  ClientHandshake(byte[] secret, String server, int maxFrameBytes, CompletableFuture<Void> done) {
    this.secret = secret;
    this.server = server;
    this.maxFrameBytes = maxFrameBytes;
    this.done = done;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      if (done.isDone()) {
        return;
      }
      byte type = frame.isReadable() ? frame.readByte() : -1;
      if (serverNonce == null) {
        onGreeting(ctx, type, frame);
      } else if (type == FrameType.AUTH_OK && frame.readableBytes() == AuthProtocol.PROOF_BYTES) {
        byte[] proof = new byte[AuthProtocol.PROOF_BYTES];
        frame.readBytes(proof);
        if (AuthProtocol.matches(AuthProtocol.serverProof(secret, serverNonce, clientNonce), proof)) {
          succeed(ctx);
        } else {
          fail(ctx, "the server at " + server + " could not prove it knows the secret");
        }
      } else if (type == FrameType.AUTH_REJECTED) {
        fail(ctx, "the server at " + server + " rejected this client's secret");
      } else {
        fail(ctx, "the server at " + server + " sent a frame of type " + FrameType.name(type) + " during authentication");
      }
    } finally {
      ReferenceCountUtil.release(frame);
    }
  }

  private void onGreeting(ChannelHandlerContext ctx, byte type, ByteBuf frame) {
    if (type != FrameType.HELLO && type != FrameType.CHALLENGE) {
      fail(ctx, "the server at " + server + " sent a frame of type " + FrameType.name(type) + " instead of a greeting");
      return;
    }
    byte version = frame.isReadable() ? frame.readByte() : -1;
    if (version != FrameType.PROTOCOL_VERSION) {
      fail(ctx, "the server at " + server + " speaks protocol version " + version + ", this client "
          + FrameType.PROTOCOL_VERSION);
    } else if (type == FrameType.HELLO && secret != null) {
      fail(ctx, "the server at " + server + " does not authenticate connections, but this client was given a secret"
          + " (is sluice.authenticate set the same on both sides?)");
    } else if (type == FrameType.HELLO) {
      succeed(ctx);
    } else if (secret == null) {
      fail(ctx, "the server at " + server + " requires authentication (sluice.authenticate) and this client has no"
          + " secret");
    } else if (frame.readableBytes() != AuthProtocol.NONCE_BYTES) {
      fail(ctx, "the server at " + server + " sent a malformed challenge");
    } else {
      serverNonce = new byte[AuthProtocol.NONCE_BYTES];
      frame.readBytes(serverNonce);
      clientNonce = AuthProtocol.nonce();
      ctx.writeAndFlush(Frames.frame(FrameType.AUTH_RESPONSE, clientNonce,
          AuthProtocol.clientProof(secret, serverNonce, clientNonce)));
    }
  }

  private void succeed(ChannelHandlerContext ctx) {
    ctx.pipeline().get(FrameDecoder.class).allowFrames(maxFrameBytes);
    ctx.fireUserEventTriggered(HandshakeComplete.INSTANCE);
    ctx.pipeline().remove(this);
    done.complete(null);
  }

  private void fail(ChannelHandlerContext ctx, String problem) {
    if (done.completeExceptionally(new SluiceException("Could not connect: " + problem))) {
      Rejections.reject(ctx, problem);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    done.completeExceptionally(new SluiceException("Could not connect: the server at " + server
        + " closed the connection during the handshake"
        + (secret != null && serverNonce != null ? " (after our authentication response: wrong secret?)" : "")));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    done.completeExceptionally(new SluiceException("Could not connect to " + server + ": " + cause, cause));
    super.exceptionCaught(ctx, cause);
  }
}
