package io.sluice.internal.serializer;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Java serialization that also carries {@link Optional} and the non-Serializable JDK views {@link JdkViews} copies. */
final class JdkObjectOutputStream extends ObjectOutputStream {
  JdkObjectOutputStream(OutputStream out) throws IOException {
    super(out);
    enableReplaceObject(true);
  }

  @Override
  protected Object replaceObject(Object obj) {
    if (obj instanceof Optional<?> optional) {
      return new OptionalHolder(optional);
    }
    return JdkViews.copyOf(obj);
  }
}
