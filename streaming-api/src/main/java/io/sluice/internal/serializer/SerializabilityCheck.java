package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import java.io.Serializable;

/**
 * The closure serializer's rule, mirroring what Java serialization would accept: a class must be
 * Serializable, unless it is a JDK class that Kryo writes with a dedicated serializer (for example
 * {@code Optional}, or a {@code HashMap.keySet()} view, which is copied). Arrays and primitives are
 * containers; their elements are checked when they are written.
 */
final class SerializabilityCheck {
  private SerializabilityCheck() {}

  /** @throws NotSerializableClassException naming {@code type} when a closure must not contain it */
  static void verify(Class<?> type, Registration registration) {
    if (type.isPrimitive() || type.isArray() || Serializable.class.isAssignableFrom(type)) {
      return;
    }
    if (JdkTypes.isPlatformClass(type) && !(registration.getSerializer() instanceof FieldSerializer)) {
      return;
    }
    throw new NotSerializableClassException(type);
  }
}
