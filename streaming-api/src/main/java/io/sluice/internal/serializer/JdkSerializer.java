package io.sluice.internal.serializer;

import io.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * The Java-serialization serializer ({@code sluice.serializer=java}); named so as not to be confused
 * with Kryo's {@code JavaSerializer}.
 *
 * <p>Thread-safe and stateless: every call builds its own object streams. Every class in a graph
 * must be Serializable, except that {@code Optional} and non-Serializable JDK collection views are
 * carried (views as copies). Classes are resolved with the calling thread's context class loader.
 * Every failure is a {@link SluiceException} naming the class. Obtain instances from {@link Serializers}.
 *
 * <p>Streams: as with any {@code ObjectOutputStream}, an instance written again before the next
 * handle-table reset (every {@value #RESET_INTERVAL} objects) is written as a reference to its first
 * write, so mutating and re-writing one instance reads back the old state. Kryo streams do not have
 * this limitation.
 */
public final class JdkSerializer implements Serializer {
  /** Objects a stream writes between handle-table resets; bounds memory on both ends of long streams. */
  static final int RESET_INTERVAL = 1000;

  private final SerializerRole role;

  JdkSerializer(SerializerRole role) {
    this.role = role;
  }

  @Override
  public byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new JdkObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException | RuntimeException e) {
      throw SerializationFailures.onWrite(role, value, e);
    }
    return bytes.toByteArray();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T deserialize(byte[] bytes) {
    if (bytes == null) {
      throw new SluiceException("Could not deserialize: no bytes (null)");
    }
    ClassLoader loader = ContextClassLoader.current();
    try (ObjectInputStream in = new JdkObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
      throw SerializationFailures.onRead(bytes.length + " bytes", e);
    }
  }

  @Override
  public SerializationStream serializeStream(OutputStream out) {
    return new JdkSerializationStream(out, role, RESET_INTERVAL);
  }

  @Override
  public DeserializationStream deserializeStream(InputStream in) {
    return new JdkDeserializationStream(in, ContextClassLoader.current());
  }

  @Override
  public String toString() {
    return "JdkSerializer(" + role + ")";
  }
}
