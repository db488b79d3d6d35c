package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Output;
import java.util.HashSet;
import java.util.Set;

/**
 * The closure serializer's Kryo: before any object is written, its class must pass
 * {@link SerializabilityCheck}. The check hooks the object-writing entry points that serializers call
 * for nested values (not class lookups: a lambda legitimately writes its capturing class as a
 * {@code Class} reference, and {@code Class} values are fine). A failure propagates through Kryo's
 * field serializers, which add the path to the object as a "Serialization trace".
 */
final class StrictKryo extends SluiceKryo {
  private final Set<Class<?>> verified = new HashSet<>();

  @Override
  public void writeClassAndObject(Output output, Object object) {
    verify(object);
    super.writeClassAndObject(output, object);
  }

  @Override
  public void writeObject(Output output, Object object) {
    verify(object);
    super.writeObject(output, object);
  }

  @SuppressWarnings("rawtypes") // the overridden Kryo method is declared with raw types
  @Override
  public void writeObject(Output output, Object object, Serializer serializer) {
    verify(object);
    super.writeObject(output, object, serializer);
  }

  @SuppressWarnings("rawtypes") // the overridden Kryo method is declared with raw types
  @Override
  public void writeObjectOrNull(Output output, Object object, Class type) {
    verify(object);
    super.writeObjectOrNull(output, object, type);
  }

  @SuppressWarnings("rawtypes") // the overridden Kryo method is declared with raw types
  @Override
  public void writeObjectOrNull(Output output, Object object, Serializer serializer) {
    verify(object);
    super.writeObjectOrNull(output, object, serializer);
  }

  private void verify(Object object) {
    if (object == null) {
      return;
    }
    Class<?> type = object.getClass();
    if (!verified.contains(type)) {
      SerializabilityCheck.verify(type, getRegistration(type));
      verified.add(type);
    }
  }
}
