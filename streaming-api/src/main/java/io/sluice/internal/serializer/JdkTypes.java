package io.sluice.internal.serializer;

import java.io.Externalizable;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Facts about classes that both serializer implementations base decisions on. */
final class JdkTypes {
  private static final ClassLoader PLATFORM_LOADER = ClassLoader.getPlatformClassLoader();

  // Reflection over the whole hierarchy is too slow to repeat; classes never change, so cache per class.
  private static final ClassValue<Boolean> CUSTOM_JAVA_SERIALIZATION = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return computeCustomJavaSerialization(type);
    }
  };

  private JdkTypes() {}

  /** Whether the class ships with the JDK (boot or platform loader), as opposed to user or library code. */
  static boolean isPlatformClass(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == PLATFORM_LOADER;
  }

  /**
   * The wrappers returned by {@code Collections.unmodifiableX/synchronizedX/checkedX}. They have no
   * usable constructor, so Kryo's collection serializers cannot rebuild them; copying their fields does.
   */
  static boolean isCollectionsWrapper(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.util.Collections$Unmodifiable")
        || name.startsWith("java.util.Collections$Synchronized")
        || name.startsWith("java.util.Collections$Checked");
  }

  /**
   * Whether a Serializable class carries its own Java serialization logic (writeObject, readObject,
   * writeReplace, readResolve, Externalizable) or is a Throwable. Such classes are written with Java
   * serialization even under Kryo, because copying their fields would skip that logic.
   */
  static boolean hasCustomJavaSerialization(Class<?> type) {
    return CUSTOM_JAVA_SERIALIZATION.get(type);
  }

  private static boolean computeCustomJavaSerialization(Class<?> type) {
    if (!Serializable.class.isAssignableFrom(type)) {
      return false;
    }
    if (Throwable.class.isAssignableFrom(type) || Externalizable.class.isAssignableFrom(type)) {
      return true;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (declaresPrivate(c, "writeObject", ObjectOutputStream.class)
          || declaresPrivate(c, "readObject", ObjectInputStream.class)
          || declares(c, "writeReplace") || declares(c, "readResolve")) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresPrivate(Class<?> c, String name, Class<?> parameter) {
    try {
      Method method = c.getDeclaredMethod(name, parameter);
      return Modifier.isPrivate(method.getModifiers()) && !Modifier.isStatic(method.getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static boolean declares(Class<?> c, String name) {
    try {
      return !Modifier.isStatic(c.getDeclaredMethod(name).getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
