package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames: a 4-byte big-endian length, then that many bytes. Emits each
 * frame's bytes (without the prefix) as a retained slice.
 *
 * <p>The limit starts small, at what handshake frames need, and is raised by the handshake handler
 * once the peer is authenticated: an unauthenticated peer can never make us buffer 16 MiB.
 * A bad length rejects the connection as soon as the prefix arrives, without waiting for the body.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  static final int LENGTH_BYTES = 4;
  /** Big enough for every handshake frame, small enough that unauthenticated peers cost nothing. */
  static final int HANDSHAKE_MAX_FRAME_BYTES = 256;

  private int maxFrameBytes;
  private boolean failed;

  FrameDecoder(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Called on the event loop by the handshake handler when the peer may send full-size frames. */
  void allowFrames(int newMax) {
    this.maxFrameBytes = newMax;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < LENGTH_BYTES) {
      return;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 0 || length > maxFrameBytes) {
      failed = true;
      in.skipBytes(in.readableBytes());
      Rejections.reject(ctx, length < 0
          ? "frame announces a negative length (" + length + ")"
          : "frame of " + length + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
      return;
    }
    if (in.readableBytes() < LENGTH_BYTES + length) {
      return;
    }
    in.skipBytes(LENGTH_BYTES);
    out.add(in.readRetainedSlice(length));
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    // Complete frames were already emitted by decode(); what is left is a frame the peer never finished.
    if (!failed && in.isReadable()) {
      failed = true;
      Rejections.report(ctx.channel(), "connection closed in the middle of a frame (" + in.readableBytes()
          + " bytes of an incomplete frame discarded)");
      in.skipBytes(in.readableBytes());
    }
  }
}
