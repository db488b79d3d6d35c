package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kryo serializer (the default, {@code sluice.serializer=kryo}).
 *
 * <p>Thread-safe: each call borrows a Kryo instance from a pool; a stream keeps its instance until
 * it is closed. Classes are resolved with the calling thread's context class loader. Object identity
 * is tracked within each top-level object (cyclic graphs round-trip) and forgotten after it, so a
 * stream may re-write a mutated instance. Strings and records are not identity-tracked. Common JDK
 * classes and {@code Tuple2}/{@code Tuple3} are registered in a fixed order, identical in every JVM;
 * other classes are written by name unless listed in {@code sluice.kryo.classesToRegister}.
 *
 * <p>In the data role classes need not be Serializable. In the closure role any class Java
 * serialization would reject fails, naming the class and the path to it;
 * {@code sluice.kryo.registrationRequired} applies to the data role only. Every failure is a
 * {@link SluiceException}. Obtain instances from {@link Serializers}.
 */
public final class KryoSerializer implements Serializer {
  private static final Logger LOG = LoggerFactory.getLogger(KryoSerializer.class);
  private static final int POOL_CAPACITY = Math.max(64, 8 * Runtime.getRuntime().availableProcessors());

  private final SerializerRole role;
  private final KryoFactory factory;
  private final Pool<KryoSession> pool;

  /** @throws SluiceException when the Kryo configuration is invalid, e.g. names an unknown class */
  KryoSerializer(SluiceConf conf, SerializerRole role) {
    this.role = role;
    this.factory = new KryoFactory(conf, role);
    this.pool = new Pool<>(true, false, POOL_CAPACITY) {
      @Override
      protected KryoSession create() {
        return newSession(ContextClassLoader.current());
      }
    };
    // Build one instance now so that a bad configuration fails here, not in the first task.
    pool.free(pool.obtain());
  }

  @Override
  public byte[] serialize(Object value) {
    KryoSession session = borrow();
    boolean healthy = false;
    try {
      Output output = session.output();
      session.kryo().writeClassAndObject(output, value);
      byte[] bytes = output.toBytes();
      healthy = true;
      return bytes;
    } catch (RuntimeException e) {
      throw SerializationFailures.onWrite(role, value, e);
    } finally {
      giveBack(session, healthy);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T deserialize(byte[] bytes) {
    if (bytes == null) {
      throw new SluiceException("Could not deserialize: no bytes (null)");
    }
    KryoSession session = borrow();
    boolean healthy = false;
    try {
      Input input = session.input(bytes);
      T value = (T) session.kryo().readClassAndObject(input);
      healthy = true;
      return value;
    } catch (RuntimeException | LinkageError e) {
      throw SerializationFailures.onRead(bytes.length + " bytes", e);
    } finally {
      giveBack(session, healthy);
    }
  }

  @Override
  public SerializationStream serializeStream(OutputStream out) {
    return new KryoSerializationStream(borrow(), out, role, this::giveBack);
  }

  @Override
  public DeserializationStream deserializeStream(InputStream in) {
    return new KryoDeserializationStream(borrow(), in, this::giveBack);
  }

  private KryoSession borrow() {
    KryoSession session = pool.obtain();
    ClassLoader loader = ContextClassLoader.current();
    // Kryo caches classes it resolved by name; an instance built for another loader could hand
    // out the wrong class, so it is replaced rather than re-pointed.
    return session.loader() == loader ? session : newSession(loader);
  }

  /** Returns a session to the pool; one that failed mid-way may hold half-written state and is dropped. */
  private void giveBack(KryoSession session, boolean healthy) {
    if (healthy) {
      session.clear();
      pool.free(session);
    } else {
      LOG.debug("Discarding a {} Kryo instance after a failure", role);
    }
  }

  private KryoSession newSession(ClassLoader loader) {
    return new KryoSession(factory.create(loader), loader);
  }

  @Override
  public String toString() {
    return "KryoSerializer(" + role + ")";
  }
}
