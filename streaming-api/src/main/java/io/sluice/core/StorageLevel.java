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
  public static final StorageLevel NONE = new StorageLevel("NONE", false, false, false, 1);
  public static final StorageLevel DISK_ONLY = new StorageLevel("DISK_ONLY", false, true, false, 1);
  public static final StorageLevel DISK_ONLY_2 = new StorageLevel("DISK_ONLY_2", false, true, false, 2);
  public static final StorageLevel MEMORY_ONLY = new StorageLevel("MEMORY_ONLY", true, false, true, 1);
  public static final StorageLevel MEMORY_ONLY_2 = new StorageLevel("MEMORY_ONLY_2", true, false, true, 2);
  public static final StorageLevel MEMORY_ONLY_SER = new StorageLevel("MEMORY_ONLY_SER", true, false, false, 1);
  public static final StorageLevel MEMORY_ONLY_SER_2 = new StorageLevel("MEMORY_ONLY_SER_2", true, false, false, 2);
  public static final StorageLevel MEMORY_AND_DISK = new StorageLevel("MEMORY_AND_DISK", true, true, true, 1);
  public static final StorageLevel MEMORY_AND_DISK_2 = new StorageLevel("MEMORY_AND_DISK_2", true, true, true, 2);
  public static final StorageLevel MEMORY_AND_DISK_SER = new StorageLevel("MEMORY_AND_DISK_SER", true, true, false, 1);
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

  public boolean useMemory() {
    return useMemory;
  }

  public boolean useDisk() {
    return useDisk;
  }

  public boolean deserialized() {
    return deserialized;
  }

  public int replication() {
    return replication;
  }

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
