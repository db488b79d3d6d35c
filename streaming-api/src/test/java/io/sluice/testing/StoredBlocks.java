package io.sluice.testing;

import io.sluice.core.SluiceContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.storage.BlockId;
import java.util.HashSet;
import java.util.Set;

/** The blocks an application holds, wherever they are: the driver's store plus what executors reported. */
public final class StoredBlocks {
  private StoredBlocks() {}

  public static Set<BlockId> of(SluiceContext sc) {
    Set<BlockId> all = new HashSet<>(Internals.context().blockManager(sc).blockIds());
    all.addAll(Internals.context().backend(sc).trackedBlocks());
    return all;
  }
}
