package io.sluice.internal.rpc;

/**
 * The first byte of every frame. Handshake frames are plain bytes, never Kryo, so no untrusted input
 * reaches a deserializer.
 */
final class FrameType {
  private FrameType() {}

  /** Server to client, no authentication: [type][version]. */
  static final byte HELLO = 1;
  /** Server to client: [type][version][server nonce]. */
  static final byte CHALLENGE = 2;
  /** Client to server: [type][client nonce][client proof]. */
  static final byte AUTH_RESPONSE = 3;
  /** Server to client: [type][server proof]. */
  static final byte AUTH_OK = 4;
  /** Server to client, then the server closes: [type]. Carries no detail on purpose. */
  static final byte AUTH_REJECTED = 5;
  /** Either direction, after the handshake: [type][Kryo-encoded Envelope]. */
  static final byte MESSAGE = 16;
  /** Either direction, after the handshake: [type][stream request id: long][last: byte][data]. */
  static final byte CHUNK = 17;

  static final byte PROTOCOL_VERSION = 1;

  /** Bytes a frame needs beyond its length prefix and data: type, request id, last flag. */
  static final int CHUNK_OVERHEAD = 1 + Long.BYTES + 1;

  static String name(byte type) {
    return switch (type) {
      case HELLO -> "HELLO";
      case CHALLENGE -> "CHALLENGE";
      case AUTH_RESPONSE -> "AUTH_RESPONSE";
      case AUTH_OK -> "AUTH_OK";
      case AUTH_REJECTED -> "AUTH_REJECTED";
      case MESSAGE -> "MESSAGE";
      case CHUNK -> "CHUNK";
      default -> String.format("unknown (0x%02x)", type & 0xff);
    };
  }
}
