package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.serializer.Serializers;

/** Envelopes to MESSAGE frames and back, with the frame limit enforced on the way out as well. */
final class MessageCodec {
  private final Serializer serializer;
  private final int maxFrameBytes;

  MessageCodec(Serializer serializer, int maxFrameBytes) {
    this.serializer = serializer;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Kryo with default settings: RPC messages must not depend on the user's Kryo registration
   * settings, or {@code sluice.kryo.registrationRequired=true} would break the transport.
   */
  static Serializer defaultSerializer() {
    return Serializers.forData(new SluiceConf(false));
  }

  /**
   * @throws SluiceException when the envelope cannot be serialized, or is larger than a frame may be
   *     (the peer would reject it; large data belongs in a stream)
   */
  ByteBuf encode(Envelope envelope) {
    byte[] payload = serializer.serialize(envelope);
    if (payload.length + 1 > maxFrameBytes) {
      throw new SluiceException(describe(envelope) + " is " + payload.length + " bytes serialized, more than the frame"
          + " limit of " + maxFrameBytes + " bytes; send large data as a stream (StreamSource)");
    }
    return Frames.frame(FrameType.MESSAGE, payload);
  }

  /** @throws ProtocolViolation when the payload is not a serialized envelope */
  Envelope decode(byte[] payload) {
    Object decoded;
    try {
      decoded = serializer.deserialize(payload);
    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
      // OutOfMemoryError: garbage can announce a huge array length that Kryo allocates before reading.
      throw new ProtocolViolation("undecodable message payload of " + payload.length + " bytes ("
          + printable(e.getMessage()) + ")", e);
    }
    if (decoded instanceof Envelope envelope) {
      return envelope;
    }
    throw new ProtocolViolation("message payload is a " + (decoded == null ? "null" : decoded.getClass().getName())
        + ", not an envelope");
  }

  static String describe(Envelope envelope) {
    // Pattern matching in switch is not final in Java 17.
    if (envelope instanceof Envelope.Request r) {
      return "request " + typeName(r.body());
    } else if (envelope instanceof Envelope.Response r) {
      return "reply " + typeName(r.body());
    } else if (envelope instanceof Envelope.OneWay o) {
      return "message " + typeName(o.body());
    } else if (envelope instanceof Envelope.OpenStream s) {
      return "stream request '" + s.streamId() + "'";
    }
    return "failure reply";
  }

  /** The peer chose these bytes: keep log lines single and short. */
  private static String printable(String text) {
    if (text == null) {
      return "no detail";
    }
    String flat = text.replaceAll("\\p{Cntrl}", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    String simple = value.getClass().getSimpleName();
    return simple.isEmpty() ? value.getClass().getName() : simple;
  }
}
