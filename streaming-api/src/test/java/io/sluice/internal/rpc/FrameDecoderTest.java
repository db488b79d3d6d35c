package io.sluice.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  @Test
  void framesSplitAndCoalescedAcrossReadsComeOutWhole() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
    byte[] wire = concat(frame(new byte[] {1, 2, 3}), frame(new byte[0]), frame(new byte[] {9}));
    // One byte at a time: the decoder must wait for each length and each body.
    for (byte b : wire) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertArrayEquals(new byte[] {1, 2, 3}, read(channel));
    assertArrayEquals(new byte[0], read(channel));
    assertArrayEquals(new byte[] {9}, read(channel));
    assertNull(channel.readInbound());
    assertTrue(channel.isActive());
  }

  @Test
  void lengthAboveTheLimitClosesAtOnce() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 65}));
    assertFalse(channel.isActive());
    assertNull(channel.readInbound());
  }

  @Test
  void negativeLengthCloses() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 0, 0, 1, 5, 5}));
    assertFalse(channel.isActive());
  }

  @Test
  void raisedLimitAppliesToLaterFrames() {
    FrameDecoder decoder = new FrameDecoder(4);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    decoder.allowFrames(100);
    channel.writeInbound(Unpooled.wrappedBuffer(frame(new byte[50])));
    assertArrayEquals(new byte[50], read(channel));
  }

  @Test
  void truncatedFrameAtCloseIsDiscarded() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 10, 1, 2}));
    assertNull(channel.readInbound());
    channel.close();
    assertNull(channel.readInbound());
    assertTrue(Rejections.isRejected(channel));
  }

  private static byte[] read(EmbeddedChannel channel) {
    ByteBuf frame = channel.readInbound();
    try {
      byte[] bytes = new byte[frame.readableBytes()];
      frame.readBytes(bytes);
      return bytes;
    } finally {
      frame.release();
    }
  }

  private static byte[] frame(byte[] body) {
    return concat(java.nio.ByteBuffer.allocate(4).putInt(body.length).array(), body);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
