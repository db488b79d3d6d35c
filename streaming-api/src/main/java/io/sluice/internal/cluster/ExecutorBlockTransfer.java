package io.sluice.internal.cluster;

import io.sluice.core.StorageLevel;
import io.sluice.internal.cluster.ClusterMessages.ExecutorAddress;
import io.sluice.internal.rpc.RpcClient;
import io.sluice.internal.rpc.RpcPeer;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.storage.BlockTransfer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks across processes, from an executor: streams them from the driver or another executor's
 * block server (addresses come from the driver and are cached), and replicates received blocks by
 * asking a peer to pull a copy. A peer that cannot be reached simply does not have the block: the
 * caller then reports a fetch failure, tries another copy or the write-ahead log.
 */
final class ExecutorBlockTransfer implements BlockTransfer {
  private static final Logger log = LoggerFactory.getLogger(ExecutorBlockTransfer.class);
  private static final String DRIVER = "driver";

  private final ExecutorAddress self;
  private final BlockManager blocks;
  /** The current driver connection: a new one after the executor joined the next driver. */
  private final java.util.function.Supplier<RpcClient> driver;
  private final PeerClients peers;
  private final Duration timeout;
  private final Map<String, ExecutorAddress> addressCache = new ConcurrentHashMap<>();

  ExecutorBlockTransfer(ExecutorAddress self, BlockManager blocks, java.util.function.Supplier<RpcClient> driver,
                        PeerClients peers,
                        Duration timeout) {
    this.self = self;
    this.blocks = blocks;
    this.driver = driver;
    this.peers = peers;
    this.timeout = timeout;
  }

  @Override
  public Optional<byte[]> fetch(String executorId, BlockId id) {
    if (executorId.equals(self.executorId())) {
      return blocks.getBytes(id);
    }
    if (executorId.equals(DRIVER)) {
      return fetchFrom(driver.get(), id, DRIVER);
    }
    Optional<ExecutorAddress> address = addressOf(executorId);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    return fetchFrom(address.get(), id);
  }

  @Override
  public Optional<byte[]> fetchFromAnywhere(BlockId id) {
    List<ExecutorAddress> holders = ask(new ClusterMessages.GetBlockLocations(id));
    for (ExecutorAddress holder : holders) {
      if (!holder.executorId().equals(self.executorId())) {
        Optional<byte[]> bytes = fetchFrom(holder, id);
        if (bytes.isPresent()) {
          return bytes;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public int replicate(BlockId id, StorageLevel level) {
    List<ExecutorAddress> candidates = new ArrayList<>(ask(new ClusterMessages.GetPeers(self.executorId())));
    Collections.shuffle(candidates);
    int wanted = level.replication() - 1;
    int made = 0;
    for (ExecutorAddress peer : candidates) {
      if (made >= wanted) {
        break;
      }
      try {
        Object stored = peers.get(peer).ask(new ClusterMessages.ReplicateBlock(id, self, level.toString()), timeout)
            .get();
        if (Boolean.TRUE.equals(stored)) {
          made++;
        }
      } catch (Exception e) {
        log.warn("Could not replicate block {} to executor {}: {}", id.name(), peer.executorId(), e.toString());
      }
    }
    return made;
  }

  /** A peer asked this executor to keep a copy of a block it holds: pull it and store it. */
  Boolean storeReplica(BlockId id, ExecutorAddress source, StorageLevel level) {
    Optional<byte[]> bytes = fetchFrom(source, id);
    if (bytes.isEmpty()) {
      return Boolean.FALSE;
    }
    blocks.putBytes(id, bytes.get(), level);
    return blocks.contains(id);
  }

  private Optional<ExecutorAddress> addressOf(String executorId) {
    ExecutorAddress cached = addressCache.get(executorId);
    if (cached != null) {
      return Optional.of(cached);
    }
    List<ExecutorAddress> found = ask(new ClusterMessages.GetExecutorAddress(executorId));
    found.forEach(a -> addressCache.put(a.executorId(), a));
    return found.stream().findFirst();
  }

  private Optional<byte[]> fetchFrom(ExecutorAddress holder, BlockId id) {
    try {
      return fetchFrom(peers.get(holder), id, holder.executorId());
    } catch (RuntimeException e) {
      addressCache.remove(holder.executorId());
      log.warn("Could not reach executor {} for block {}: {}", holder.executorId(), id.name(), e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<byte[]> fetchFrom(RpcPeer peer, BlockId id, String holder) {
    try {
      return Optional.of(peer.fetchBytes(ClusterMessages.blockStream(id), timeout).get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      log.debug("Block {} not fetched from {}: {}", id.name(), holder, e.toString());
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> ask(Object request) {
    try {
      return (List<T>) driver.get().ask(request, timeout).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (Exception e) {
      log.warn("The driver did not answer {}: {}", request.getClass().getSimpleName(), e.toString());
      return List.of();
    }
  }
}
