package io.sluice.internal.storage;

/**
 * Told when a block the driver tracks (a received block, a cached RDD partition) appears in or
 * leaves a block store, so the driver knows where every copy is. Called under the store's lock:
 * implementations only post a message and never block.
 */
public interface BlockReporter {
  BlockReporter NONE = new BlockReporter() {
    @Override
    public void added(BlockId id) {}

    @Override
    public void removed(BlockId id) {}
  };

  void added(BlockId id);

  void removed(BlockId id);

  /** Received blocks and cached RDD partitions; shuffle output is tracked by map statuses instead. */
  static boolean isTracked(BlockId id) {
    return id instanceof BlockId.StreamBlock || id instanceof BlockId.RddBlock;
  }
}
