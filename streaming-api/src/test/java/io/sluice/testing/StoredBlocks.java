package io.sluice.testing;

import io.sluice.core.SluiceContext;
import io.sluice.internal.storage.BlockId;
import java.util.HashSet;
import java.util.Set;

/** The blocks an application holds, wherever they are: the driver's store plus what executors reported. */
public final class StoredBlocks {
  private StoredBlocks() {}

  public static Set<BlockId> of(SluiceContext sc) {
    Set<BlockId> all = new HashSet<>(sc.blockManager().blockIds());
    all.addAll(sc.backend().trackedBlocks());
    return all;
  }
}
