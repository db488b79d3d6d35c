package io.sluice.internal.checkpoint;

import io.sluice.core.SluiceException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The bytes of a metadata checkpoint file: a magic number, a format version, the payload length
 * and CRC-32, then the payload. A truncated or damaged file is recognised, not half-read.
 */
final class CheckpointFileFormat {
  private static final int MAGIC = 0x534c4350; // "SLCP"
  private static final int VERSION = 1;
  private static final int HEADER = 4 + 4 + 4 + 8;

  private CheckpointFileFormat() {}

  static byte[] encode(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    return ByteBuffer.allocate(HEADER + payload.length).putInt(MAGIC).putInt(VERSION).putInt(payload.length)
        .putLong(crc.getValue()).put(payload).array();
  }

  /** The payload; throws naming {@code file} if the bytes are not an intact checkpoint. */
  static byte[] decode(byte[] bytes, String file) {
    if (bytes.length < HEADER) {
      throw corrupt(file, "shorter than the header (" + bytes.length + " bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.getInt() != MAGIC) {
      throw corrupt(file, "not a Sluice checkpoint (bad magic number)");
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw corrupt(file, "written by checkpoint format version " + version + ", this Sluice reads " + VERSION);
    }
    int length = in.getInt();
    long expectedCrc = in.getLong();
    if (length != in.remaining()) {
      throw corrupt(file, "truncated: " + in.remaining() + " of " + length + " payload bytes");
    }
    byte[] payload = new byte[length];
    in.get(payload);
    CRC32 crc = new CRC32();
    crc.update(payload);
    if (crc.getValue() != expectedCrc) {
      throw corrupt(file, "checksum mismatch");
    }
    return payload;
  }

  private static SluiceException corrupt(String file, String why) {
    return new SluiceException("Checkpoint file " + file + " is corrupt: " + why);
  }
}
