package io.sluice.internal.storage;

import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.util.ChunkedByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor's block store: blocks in memory (objects or serialized bytes) up to a byte budget,
 * and on disk. When memory is full, least-recently-used blocks move to disk if their level allows
 * it, else they are dropped (a dropped RDD block is recomputed from lineage when needed).
 * Thread-safe: every method holds the store's lock only for bookkeeping, never for user code.
 */
public final class BlockManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockManager.class);

  private final String executorId;
  private final Serializer serializer;
  private final long maxMemoryBytes;
  private final DiskStore disk;
  // Access-ordered, so iteration starts at the least recently used block.
  private final LinkedHashMap<BlockId, StoredBlock> memory = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<BlockId, StorageLevel> onDisk = new java.util.HashMap<>();
  private long memoryUsed;
  private volatile BlockReporter reporter = BlockReporter.NONE;

  public BlockManager(String executorId, Serializer serializer, long maxMemoryBytes, File localDir) {
    this.executorId = executorId;
    this.serializer = serializer;
    this.maxMemoryBytes = maxMemoryBytes;
    this.disk = new DiskStore(localDir, executorId);
  }

  /** Who hears about received blocks and cached partitions arriving and leaving (the driver, on executors). */
  public void setReporter(BlockReporter reporter) {
    this.reporter = reporter;
  }

  public String executorId() {
    return executorId;
  }

  /** Stores objects at the given level; serializes them first unless the level keeps objects. */
  public void putValues(BlockId id, List<?> values, StorageLevel level) {
    checkLevel(id, level);
    if (level.deserialized() && level.useMemory()) {
      long size = SizeEstimator.estimate(values, serializer);
      if (storeInMemory(id, new StoredBlock.Values(values, size, level))) {
        return;
      }
      if (level.useDisk()) {
        putOnDisk(id, serializeValues(values), level);
      } else {
        log.warn("Block {} ({} bytes) does not fit in memory and its level {} forbids disk; not stored",
            id.name(), size, level);
      }
      return;
    }
    putBytes(id, serializeValues(values), level);
  }

  /** Stores already serialized records (as written by {@link #serializeValues}). */
  public void putBytes(BlockId id, byte[] bytes, StorageLevel level) {
    checkLevel(id, level);
    if (level.useMemory() && storeInMemory(id, new StoredBlock.Bytes(bytes, level))) {
      return;
    }
    if (level.useDisk()) {
      putOnDisk(id, bytes, level);
    } else {
      log.warn("Block {} ({} bytes) does not fit in memory and its level {} forbids disk; not stored",
          id.name(), bytes.length, level);
    }
  }

  /** The block's records, deserialized if it is stored as bytes. */
  public <T> Optional<Iterator<T>> getValues(BlockId id) {
    StoredBlock block;
    synchronized (this) {
      block = memory.get(id);
    }
    if (block instanceof StoredBlock.Values values) {
      @SuppressWarnings("unchecked")
      Iterator<T> it = (Iterator<T>) values.values().iterator();
      return Optional.of(it);
    }
    return getBytes(id).map(this::deserializeValues);
  }

  /** The block's serialized records; objects held in memory are serialized on the fly. */
  public Optional<byte[]> getBytes(BlockId id) {
    StoredBlock block;
    synchronized (this) {
      block = memory.get(id);
      if (block == null && !onDisk.containsKey(id)) {
        return Optional.empty();
      }
    }
    if (block instanceof StoredBlock.Bytes bytes) {
      return Optional.of(bytes.bytes());
    }
    if (block instanceof StoredBlock.Values values) {
      return Optional.of(serializeValues(values.values()));
    }
    return disk.get(id);
  }

  public synchronized boolean contains(BlockId id) {
    return memory.containsKey(id) || onDisk.containsKey(id);
  }

  public synchronized Optional<StorageLevel> levelOf(BlockId id) {
    StoredBlock block = memory.get(id);
    return block != null ? Optional.of(block.level()) : Optional.ofNullable(onDisk.get(id));
  }

  public void remove(BlockId id) {
    removeIf(id::equals);
  }

  /** Removes every block the predicate accepts; returns how many. */
  public int removeIf(Predicate<BlockId> which) {
    List<BlockId> removed = new ArrayList<>();
    synchronized (this) {
      Iterator<Map.Entry<BlockId, StoredBlock>> it = memory.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<BlockId, StoredBlock> e = it.next();
        if (which.test(e.getKey())) {
          memoryUsed -= e.getValue().sizeBytes();
          removed.add(e.getKey());
          it.remove();
        }
      }
      for (BlockId id : List.copyOf(onDisk.keySet())) {
        if (which.test(id)) {
          onDisk.remove(id);
          disk.remove(id);
          removed.add(id);
        }
      }
    }
    removed.stream().distinct().forEach(id -> report(id, false));
    if (!removed.isEmpty()) {
      log.debug("Removed {} blocks from executor {}", removed.size(), executorId);
    }
    return removed.size();
  }

  public int removeRdd(int rddId) {
    return removeIf(id -> id instanceof BlockId.RddBlock rdd && rdd.rddId() == rddId);
  }

  public int removeShuffle(int shuffleId) {
    return removeIf(id -> id instanceof BlockId.ShuffleBlock s && s.shuffleId() == shuffleId);
  }

  /** Every block id held, in memory or on disk. */
  public synchronized Set<BlockId> blockIds() {
    Set<BlockId> all = new TreeSet<>(java.util.Comparator.comparing(BlockId::name));
    all.addAll(memory.keySet());
    all.addAll(onDisk.keySet());
    return all;
  }

  public synchronized long memoryUsed() {
    return memoryUsed;
  }

  public long maxMemory() {
    return maxMemoryBytes;
  }

  public byte[] serializeValues(List<?> values) {
    // A block of received lines is written as one object (its bytes), not line by line.
    return serializeValues(values instanceof LineBlock ? List.of(values).iterator() : values.iterator());
  }

  public byte[] serializeValues(Iterator<?> values) {
    // Not a ByteArrayOutputStream: its doubling copies of a received block's bytes (tens of MB at
    // high rates) need up to three times the block's size at once; an overloaded receiver executor
    // of local-cluster[2,1,1024] ran out of heap in them. See ChunkedByteArrayOutputStream.
    ChunkedByteArrayOutputStream out = new ChunkedByteArrayOutputStream(4096);
    try (var stream = serializer.serializeStream(out)) {
      while (values.hasNext()) {
        stream.writeObject(values.next());
      }
    }
    return out.toByteArray();
  }

  /** The records {@link #serializeValues} wrote; a block of received lines gives its lines. */
  public <T> Iterator<T> deserializeValues(byte[] bytes) {
    return LineBlock.expand(serializer.deserializeStream(new ByteArrayInputStream(bytes)).asIterator());
  }

  /**
   * Makes room by evicting least-recently-used blocks, then keeps the block in memory. Runs under
   * the lock, spills included, so a block being evicted is always in memory or on disk for readers.
   */
  private synchronized boolean storeInMemory(BlockId id, StoredBlock block) {
    StoredBlock previous = memory.remove(id);
    if (previous != null) {
      memoryUsed -= previous.sizeBytes();
    }
    if (block.sizeBytes() > maxMemoryBytes) {
      return false;
    }
    Iterator<Map.Entry<BlockId, StoredBlock>> lru = memory.entrySet().iterator();
    while (memoryUsed + block.sizeBytes() > maxMemoryBytes && lru.hasNext()) {
      Map.Entry<BlockId, StoredBlock> victim = lru.next();
      spillOrDrop(victim.getKey(), victim.getValue());
      memoryUsed -= victim.getValue().sizeBytes();
      lru.remove();
    }
    memory.put(id, block);
    memoryUsed += block.sizeBytes();
    if (previous == null && !onDisk.containsKey(id)) {
      report(id, true);
    }
    return true;
  }

  private void spillOrDrop(BlockId id, StoredBlock block) {
    if (!block.level().useDisk()) {
      log.info("Dropped block {} from memory to make room (level {})", id.name(), block.level());
      report(id, false);
      return;
    }
    byte[] bytes = block instanceof StoredBlock.Bytes b ? b.bytes()
        : serializeValues(((StoredBlock.Values) block).values());
    putOnDisk(id, bytes, block.level());
    log.debug("Spilled block {} to disk", id.name());
  }

  private synchronized void putOnDisk(BlockId id, byte[] bytes, StorageLevel level) {
    disk.put(id, bytes);
    boolean isNew = onDisk.put(id, level) == null && !memory.containsKey(id);
    if (isNew) {
      report(id, true);
    }
  }

  private void report(BlockId id, boolean added) {
    if (BlockReporter.isTracked(id)) {
      if (added) {
        reporter.added(id);
      } else {
        reporter.removed(id);
      }
    }
  }

  private static void checkLevel(BlockId id, StorageLevel level) {
    if (!level.isValid()) {
      throw new SluiceException("Cannot store block " + id.name() + " at storage level " + level);
    }
  }

  @Override
  public synchronized void close() {
    memory.clear();
    onDisk.clear();
    memoryUsed = 0;
    disk.close();
  }

  @Override
  public synchronized String toString() {
    return "BlockManager(" + executorId + ", " + memory.size() + " in memory, " + onDisk.size() + " on disk: "
        + blockIds().stream().map(BlockId::name).limit(20).collect(Collectors.joining(",")) + ")";
  }
}
