package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Frames after the handshake to {@link Envelope}s and {@link StreamChunk}s. Runs on the event loop:
 * frames are bounded by the frame limit, and decoding here lets responses complete without queueing
 * behind slow handlers.
 */
final class InboundDecoder extends MessageToMessageDecoder<ByteBuf> {
  private final MessageCodec codec;

  InboundDecoder(MessageCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    if (!frame.isReadable()) {
      throw new ProtocolViolation("empty frame");
    }
    byte type = frame.readByte();
    if (type == FrameType.MESSAGE) {
      out.add(codec.decode(Frames.remaining(frame)));
    } else if (type == FrameType.CHUNK) {
      if (frame.readableBytes() < Long.BYTES + 1) {
        throw new ProtocolViolation("chunk frame too short for its header");
      }
      long requestId = frame.readLong();
      boolean last = frame.readByte() != 0;
      out.add(new StreamChunk(requestId, last, Frames.remaining(frame)));
    } else {
      throw new ProtocolViolation("unexpected frame of type " + FrameType.name(type) + " after the handshake");
    }
  }
}
