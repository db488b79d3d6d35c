package io.sluice.internal.serializer;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns objects into bytes and back: task payloads, user closures, shuffle records, stored blocks,
 * results. Implementations are thread-safe (each call may come from any task thread).
 * Every failure is a {@link io.sluice.core.SluiceException} whose message names the class that
 * could not be handled.
 */
public interface Serializer {

  byte[] serialize(Object value);

  <T> T deserialize(byte[] bytes);

  /** A stream of objects written one after another; the caller closes it (which closes {@code out}). */
  SerializationStream serializeStream(OutputStream out);

  /** Reads what a {@link SerializationStream} wrote, in order; the caller closes it. */
  DeserializationStream deserializeStream(InputStream in);
}
