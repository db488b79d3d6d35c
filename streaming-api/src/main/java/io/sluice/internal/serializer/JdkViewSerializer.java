package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Writes a non-Serializable JDK view as a detached copy; see {@link JdkViews} for what the reader gets. */
final class JdkViewSerializer extends Serializer<Object> {
  @Override
  public void write(Kryo kryo, Output output, Object view) {
    kryo.writeClassAndObject(output, JdkViews.copyOf(view));
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    return kryo.readClassAndObject(input);
  }
}
