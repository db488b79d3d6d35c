package io.sluice.internal.wal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * How a record sits in a log file: a 4-byte big-endian payload length, a 4-byte CRC32C of the
 * length bytes and the payload, then the payload. The checksum lets a reader tell a record that was
 * half written when its writer died (or garbage after it) from a real one, and stop there.
 */
final class WalFrames {
  static final int HEADER_BYTES = 8;

  // Payloads are read in growing chunks so that a garbage length never allocates more than the
  // bytes actually present in the file.
  private static final int FIRST_CHUNK = 64 * 1024;

  /** A frame that is cut short or fails its checksum: where a reader of the whole file stops. */
  static final class BadFrameException extends IOException {
    private static final long serialVersionUID = 1L;
    BadFrameException(String message) {
      super(message);
    }
  }

  record Header(int length, int checksum) {}

  private WalFrames() {}

  /** Writes one frame; the caller flushes. */
  static void write(OutputStream out, byte[] payload) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(payload.length).putInt(checksum(payload.length, payload));
    out.write(header.array());
    out.write(payload);
  }

  /** The next header, or null when the stream is at its end exactly on a frame boundary. */
  static Header readHeader(InputStream in) throws IOException {
    byte[] bytes = new byte[HEADER_BYTES];
    int filled = readUpTo(in, bytes, 0, HEADER_BYTES);
    if (filled == 0) {
      return null;
    }
    if (filled < HEADER_BYTES) {
      throw new BadFrameException("torn record: file ends " + filled + " bytes into a record header");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    int length = header.getInt();
    if (length < 0) {
      throw new BadFrameException("corrupt record header: negative length " + length);
    }
    return new Header(length, header.getInt());
  }

  /** The payload that follows {@code header}, verified against its checksum. */
  static byte[] readPayload(InputStream in, Header header) throws IOException {
    int length = header.length();
    byte[] payload = new byte[Math.min(length, FIRST_CHUNK)];
    int filled = 0;
    while (filled < length) {
      if (filled == payload.length) {
        payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
      }
      int n = readUpTo(in, payload, filled, payload.length - filled);
      if (n == 0) {
        throw new BadFrameException("torn record: file ends " + filled + " bytes into a record of " + length);
      }
      filled += n;
    }
    if (checksum(length, payload) != header.checksum()) {
      throw new BadFrameException("corrupt record of " + length + " bytes: checksum mismatch");
    }
    return payload;
  }

  private static int checksum(int length, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(length).flip());
    crc.update(payload);
    return (int) crc.getValue();
  }

  /** Reads until {@code len} bytes or the end of the stream; returns how many were read. */
  private static int readUpTo(InputStream in, byte[] buf, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int n = in.read(buf, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
