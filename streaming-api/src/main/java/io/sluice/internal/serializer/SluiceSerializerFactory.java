package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.JavaSerializer;

/**
 * Chooses the serializer for classes none of Kryo's built-in serializers claims, i.e. user classes
 * and the rarer JDK classes: Java serialization when the class defines its own (so a wrapper that
 * writes a non-serializable field by hand keeps working, and exceptions keep their stack traces),
 * field-by-field copying otherwise.
 */
final class SluiceSerializerFactory implements SerializerFactory<Serializer<?>> {
  private final SerializerFactory.FieldSerializerFactory fields = new SerializerFactory.FieldSerializerFactory();

  SluiceSerializerFactory() {
    // Anonymous classes keep captured local values in synthetic fields; Kryo skips those by default,
    // which would silently turn a captured 7 into 0. (As with Java serialization, this also writes an
    // inner class's enclosing instance.)
    fields.getConfig().setIgnoreSyntheticFields(false);
  }

  @SuppressWarnings("rawtypes") // the overridden Kryo method is declared with raw types
  @Override
  public Serializer<?> newSerializer(Kryo kryo, Class type) {
    if (JdkTypes.hasCustomJavaSerialization(type)) {
      return new JavaSerializer();
    }
    return fields.newSerializer(kryo, type);
  }

  @SuppressWarnings("rawtypes") // the overridden Kryo method is declared with raw types
  @Override
  public boolean isSupported(Class type) {
    return true;
  }
}
