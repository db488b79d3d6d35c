package io.sluice.internal.shuffle;

import io.sluice.internal.storage.BlockId;
import java.util.Optional;

/**
 * Reads a shuffle bucket written on some executor. Local mode reads its own block store; the
 * distributed runtime fetches over the network from the executor named in the map status.
 */
public interface ShuffleBlockFetcher {
  Optional<byte[]> fetch(String executorId, BlockId.ShuffleBlock block);
}
