package io.sluice.internal.serializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/** Java deserialization resolving classes with a given loader, so classes from the application's jars are found. */
public final class JdkObjectInputStream extends ObjectInputStream {
  private final ClassLoader loader;

  public JdkObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
    super(in);
    this.loader = loader;
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
    try {
      return Class.forName(desc.getName(), false, loader);
    } catch (ClassNotFoundException e) {
      // Primitive types ("int") and classes only the caller's own loader sees.
      return super.resolveClass(desc);
    }
  }
}
