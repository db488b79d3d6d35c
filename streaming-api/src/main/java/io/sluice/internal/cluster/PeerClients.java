package io.sluice.internal.cluster;

import io.sluice.internal.cluster.ClusterMessages.ExecutorAddress;
import io.sluice.internal.rpc.RpcClient;
import io.sluice.internal.rpc.RpcHandler;
import io.sluice.internal.rpc.RpcSettings;
import io.sluice.internal.rpc.StreamSource;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One authenticated connection per other executor's block server, opened on first use and
 * reopened when it has closed (the peer restarted or was replaced). Thread-safe.
 */
final class PeerClients implements AutoCloseable {
  private final byte[] secret;
  private final RpcSettings settings;
  private final Map<String, RpcClient> clients = new ConcurrentHashMap<>();

  PeerClients(byte[] secret, RpcSettings settings) {
    this.secret = secret == null ? null : secret.clone();
    this.settings = settings;
  }

  /** @throws io.sluice.core.SluiceException when the peer cannot be reached */
  RpcClient get(ExecutorAddress peer) {
    String key = peer.executorId() + "@" + peer.host() + ":" + peer.port();
    return clients.compute(key, (k, existing) -> existing != null && existing.isOpen() ? existing
        : RpcClient.connect(new InetSocketAddress(peer.host(), peer.port()), secret, RpcHandler.none(),
            StreamSource.none(), settings));
  }

  @Override
  public void close() {
    clients.values().forEach(RpcClient::close);
    clients.clear();
  }
}
