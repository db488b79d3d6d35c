package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Builds outgoing frames. Everything here wraps heap arrays instead of allocating from Netty's pool:
 * frames are built on caller and handler threads, and pooled buffers there would pin per-thread
 * caches to threads Netty does not own.
 */
final class Frames {
  private Frames() {}

  /** A frame of the given type whose body is the concatenation of {@code parts}. */
  static ByteBuf frame(byte type, byte[]... parts) {
    int bodyLength = 1;
    for (byte[] part : parts) {
      bodyLength += part.length;
    }
    byte[] header = ByteBuffer.allocate(FrameDecoder.LENGTH_BYTES + 1).putInt(bodyLength).put(type).array();
    byte[][] all = new byte[parts.length + 1][];
    all[0] = header;
    System.arraycopy(parts, 0, all, 1, parts.length);
    return Unpooled.wrappedBuffer(all);
  }

  static ByteBuf chunk(long requestId, boolean last, byte[] data) {
    byte[] header = ByteBuffer.allocate(FrameDecoder.LENGTH_BYTES + FrameType.CHUNK_OVERHEAD)
        .putInt(FrameType.CHUNK_OVERHEAD + data.length)
        .put(FrameType.CHUNK)
        .putLong(requestId)
        .put((byte) (last ? 1 : 0))
        .array();
    return Unpooled.wrappedBuffer(header, data);
  }

  /** The bytes of a frame body read so far to the end, copied out of the (about to be released) buffer. */
  static byte[] remaining(ByteBuf frame) {
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    return bytes;
  }
}
