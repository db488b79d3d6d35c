package io.sluice.internal.storage;

import io.sluice.core.StorageLevel;
import java.util.List;

/** A block held in memory: either objects or their serialized bytes. */
sealed interface StoredBlock {
  StorageLevel level();

  long sizeBytes();

  record Values(List<?> values, long sizeBytes, StorageLevel level) implements StoredBlock {}

  record Bytes(byte[] bytes, StorageLevel level) implements StoredBlock {
    public long sizeBytes() {
      return bytes.length;
    }
  }
}
