package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.util.MapReferenceResolver;

/**
 * Tracks object identity (so cyclic graphs such as RDD lineage round-trip) except for values whose
 * identity does not matter: Strings and records, besides the boxed primitives and enums Kryo already
 * skips. Skipping them saves an identity-map insert per shuffle record. A record cannot reach itself
 * through records alone, so every cycle still passes through a tracked object and terminates.
 */
final class ValueTypeReferenceResolver extends MapReferenceResolver {
  @SuppressWarnings("rawtypes") // the overridden Kryo method is declared with raw types
  @Override
  public boolean useReferences(Class type) {
    return type != String.class && !type.isRecord() && super.useReferences(type);
  }
}
