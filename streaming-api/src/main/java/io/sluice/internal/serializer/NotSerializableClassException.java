package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.KryoException;

/**
 * Raised inside Kryo when the closure serializer meets a class that Java serialization would reject.
 * It extends {@link KryoException} so that Kryo's field serializers append the path to the offending
 * object ("Serialization trace") on the way out.
 */
final class NotSerializableClassException extends KryoException {
  private static final long serialVersionUID = 1L;

  private final String className;

  NotSerializableClassException(Class<?> type) {
    super(type.getName() + " does not implement java.io.Serializable");
    this.className = type.getName();
  }

  String className() {
    return className;
  }
}
