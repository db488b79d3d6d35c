package io.sluice.internal.cluster;

import io.sluice.internal.cluster.ClusterMessages.ExecutorAddress;
import io.sluice.internal.rpc.RpcPeer;

/** A registered executor as the cluster scheduler's loop sees it: where it is, its cores, its last heartbeat. */
final class ExecutorSlot {
  final ExecutorAddress address;
  final RpcPeer peer;
  final int cores;
  int freeCores;
  long lastHeartbeatMs;

  ExecutorSlot(ExecutorAddress address, RpcPeer peer, int cores, long registeredMs) {
    this.address = address;
    this.peer = peer;
    this.cores = cores;
    this.freeCores = cores;
    this.lastHeartbeatMs = registeredMs;
  }

  String id() {
    return address.executorId();
  }
}
