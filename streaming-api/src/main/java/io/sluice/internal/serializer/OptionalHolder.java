package io.sluice.internal.serializer;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;

/** Stands in for {@link Optional}, which is not Serializable, in Java-serialized graphs; reads back as the Optional. */
final class OptionalHolder implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  private final Object value;

  OptionalHolder(Optional<?> optional) {
    this.value = optional.orElse(null);
  }

  @Serial
  private Object readResolve() {
    return Optional.ofNullable(value);
  }
}
