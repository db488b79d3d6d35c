package io.sluice.core;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.List;

/**
 * Where and how a persisted dataset or a received block is kept: in memory and/or on disk, as
 * objects or serialized bytes, on one or two executors. The constants match the guide's levels.
 */
public final class StorageLevel implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Not stored: recomputed on every use. */
  public static final StorageLevel NONE = new StorageLevel("NONE", false, false, false, 1);
  /** Serialized on local disk. */
  public static final StorageLevel DISK_ONLY = new StorageLevel("DISK_ONLY", false, true, false, 1);
  /** Serialized on local disk, on two executors. */
  public static final StorageLevel DISK_ONLY_2 = new StorageLevel("DISK_ONLY_2", false, true, false, 2);
  /** Deserialized in memory; partitions that do not fit are recomputed. */
  public static final StorageLevel MEMORY_ONLY = new StorageLevel("MEMORY_ONLY", true, false, true, 1);
  /** Deserialized in memory, on two executors. */
  public static final StorageLevel MEMORY_ONLY_2 = new StorageLevel("MEMORY_ONLY_2", true, false, true, 2);
  /** Serialized in memory: smaller, slower to read. */
  public static final StorageLevel MEMORY_ONLY_SER = new StorageLevel("MEMORY_ONLY_SER", true, false, false, 1);
  /** Serialized in memory, on two executors. */
  public static final StorageLevel MEMORY_ONLY_SER_2 = new StorageLevel("MEMORY_ONLY_SER_2", true, false, false, 2);
  /** Deserialized in memory, spilling to disk what does not fit. */
  public static final StorageLevel MEMORY_AND_DISK = new StorageLevel("MEMORY_AND_DISK", true, true, true, 1);
  /** Deserialized in memory and spilled to disk, on two executors. */
  public static final StorageLevel MEMORY_AND_DISK_2 = new StorageLevel("MEMORY_AND_DISK_2", true, true, true, 2);
  /** Serialized in memory, spilling to disk what does not fit. */
  public static final StorageLevel MEMORY_AND_DISK_SER = new StorageLevel("MEMORY_AND_DISK_SER", true, true, false, 1);
  /** Serialized in memory and spilled to disk, on two executors (the default for received data). */
  public static final StorageLevel MEMORY_AND_DISK_SER_2 =
      new StorageLevel("MEMORY_AND_DISK_SER_2", true, true, false, 2);

  private static final List<StorageLevel> ALL = List.of(NONE, DISK_ONLY, DISK_ONLY_2, MEMORY_ONLY, MEMORY_ONLY_2,
      MEMORY_ONLY_SER, MEMORY_ONLY_SER_2, MEMORY_AND_DISK, MEMORY_AND_DISK_2, MEMORY_AND_DISK_SER,
      MEMORY_AND_DISK_SER_2);

  private final String name;
  private final boolean useMemory;
  private final boolean useDisk;
  private final boolean deserialized;
  private final int replication;

  private StorageLevel(String name, boolean useMemory, boolean useDisk, boolean deserialized, int replication) {
    this.name = name;
    this.useMemory = useMemory;
    this.useDisk = useDisk;
    this.deserialized = deserialized;
    this.replication = replication;
  }

  /** Looks a level up by its constant name, e.g. "MEMORY_AND_DISK_SER_2". */
  public static StorageLevel fromString(String name) {
    for (StorageLevel level : ALL) {
      if (level.name.equals(name)) {
        return level;
      }
    }
    throw new SluiceException("Unknown storage level '" + name + "'; expected one of " + ALL);
  }

  /** Whether data is kept in memory. */
  public boolean useMemory() {
    return useMemory;
  }

  /** Whether data is kept (or spilled) on disk. */
  public boolean useDisk() {
    return useDisk;
  }

  /** Whether data in memory is kept as objects rather than serialized bytes. */
  public boolean deserialized() {
    return deserialized;
  }

  /** On how many executors each block is stored (1 or 2). */
  public int replication() {
    return replication;
  }

  /** Whether this level stores anything (memory or disk). */
  public boolean isValid() {
    return useMemory || useDisk;
  }

  // Keeps the constants singletons across Java serialization, so == and equals agree.
  private Object readResolve() throws ObjectStreamException {
    return fromString(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageLevel other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
