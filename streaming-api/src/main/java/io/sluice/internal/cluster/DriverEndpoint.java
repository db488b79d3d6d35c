package io.sluice.internal.cluster;

import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ClusterMessages.AddBlock;
import io.sluice.internal.cluster.ClusterMessages.BlockUpdate;
import io.sluice.internal.cluster.ClusterMessages.DeregisterReceiver;
import io.sluice.internal.cluster.ClusterMessages.ExecutorAddress;
import io.sluice.internal.cluster.ClusterMessages.GetBlockLocations;
import io.sluice.internal.cluster.ClusterMessages.GetExecutorAddress;
import io.sluice.internal.cluster.ClusterMessages.GetPeers;
import io.sluice.internal.cluster.ClusterMessages.Heartbeat;
import io.sluice.internal.cluster.ClusterMessages.RegisterExecutor;
import io.sluice.internal.cluster.ClusterMessages.RegisterReceiver;
import io.sluice.internal.cluster.ClusterMessages.ReportReceiverError;
import io.sluice.internal.cluster.ClusterMessages.TaskFailed;
import io.sluice.internal.cluster.ClusterMessages.TaskFetchFailed;
import io.sluice.internal.cluster.ClusterMessages.TaskFinished;
import io.sluice.internal.cluster.ClusterMessages.TaskResultStored;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.rpc.RpcCall;
import io.sluice.internal.rpc.RpcHandler;
import io.sluice.internal.rpc.RpcPeer;
import io.sluice.internal.scheduler.TaskOutcome;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.streaming.receiver.ReceiverControl;
import io.sluice.internal.streaming.receiver.ReceiverTrackerEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the driver's RPC server does with messages from executors: registration and heartbeats,
 * task reports, block locations, and the receiver tracker's endpoint. A connection must register
 * before anything else it says is accepted (it has already proved it knows the secret).
 */
final class DriverEndpoint implements RpcHandler {
  private static final Logger log = LoggerFactory.getLogger(DriverEndpoint.class);

  private final ClusterScheduler scheduler;
  private final ExecutorEnv driverEnv;
  private final BlockLocations blockLocations;
  private final Map<String, ExecutorAddress> addresses;
  private final Duration fetchTimeout;

  DriverEndpoint(ClusterScheduler scheduler, ExecutorEnv driverEnv, BlockLocations blockLocations,
                 Map<String, ExecutorAddress> addresses, Duration fetchTimeout) {
    this.scheduler = scheduler;
    this.driverEnv = driverEnv;
    this.blockLocations = blockLocations;
    this.addresses = addresses;
    this.fetchTimeout = fetchTimeout;
  }

  @Override
  public Object receive(RpcCall call) throws Exception {
    Object message = call.message();
    if (message instanceof RegisterExecutor r) {
      return scheduler.executorRegistered(new ExecutorAddress(r.executorId(), r.host(), r.port()), r.cores(),
          call.from());
    }
    if (message instanceof ClusterMessages.ReattachExecutor r) {
      return scheduler.executorReattached(r, call.from());
    }
    String executorId = registeredExecutor(call.from(), message);
    if (message instanceof GetBlockLocations g) {
      return addressesOf(blockLocations.holders(g.block()));
    } else if (message instanceof GetExecutorAddress g) {
      return addressesOf(List.of(g.executorId()));
    } else if (message instanceof GetPeers g) {
      return addresses.values().stream().filter(a -> !a.executorId().equals(g.askingExecutorId())).toList();
    } else if (message instanceof RegisterReceiver r) {
      return tracker().registerReceiver(r.streamId(), r.name(), executorId, remoteControl(call.from(), r.streamId()));
    } else if (message instanceof AddBlock a) {
      tracker().addBlock(a.block());
      return Boolean.TRUE;
    } else if (message instanceof ReportReceiverError e) {
      tracker().reportError(e.streamId(), e.message(), e.error());
      return Boolean.TRUE;
    } else if (message instanceof DeregisterReceiver d) {
      tracker().deregisterReceiver(d.streamId(), d.message(), d.error());
      return Boolean.TRUE;
    }
    throw new UnsupportedOperationException("the driver does not answer " + message.getClass().getSimpleName());
  }

  @Override
  public void receiveOneWay(Object message, RpcPeer from) {
    if (message instanceof Heartbeat h) {
      scheduler.heartbeat(h.executorId(), h.blockMemoryUsed());
      return;
    }
    String executorId = registeredExecutor(from, message);
    if (message instanceof TaskFinished f) {
      scheduler.taskEnded(f.taskId(), new TaskOutcome.Success(f.result()));
    } else if (message instanceof TaskResultStored s) {
      fetchStoredResult(from, s);
    } else if (message instanceof TaskFailed f) {
      scheduler.taskEnded(f.taskId(), new TaskOutcome.Failure(TaskErrors.decode(f.error(), f.description())));
    } else if (message instanceof TaskFetchFailed f) {
      scheduler.taskEnded(f.taskId(), new TaskOutcome.FetchFailure(f.shuffleId(), f.mapId(), f.message()));
    } else if (message instanceof BlockUpdate u) {
      blockLocations.update(executorId, u.block(), u.present());
    } else {
      log.warn("Ignored an unexpected {} from executor {}", message.getClass().getSimpleName(), executorId);
    }
  }

  @Override
  public void disconnected(RpcPeer peer) {
    scheduler.disconnected(peer);
  }

  /** Large results wait in the executor's block store; fetch, then tell the executor to drop them. */
  private void fetchStoredResult(RpcPeer from, TaskResultStored stored) {
    BlockId block = new BlockId.TaskResultBlock(stored.taskId());
    from.fetchBytes(ClusterMessages.blockStream(block), fetchTimeout).whenComplete((bytes, error) -> {
      if (error != null) {
        scheduler.taskEnded(stored.taskId(), new TaskOutcome.Failure(new SluiceException("Could not fetch the "
            + stored.sizeBytes() + "-byte result of task " + stored.taskId() + ": " + error.getMessage(), error)));
        return;
      }
      scheduler.taskEnded(stored.taskId(), new TaskOutcome.Success(bytes));
      try {
        from.send(new ClusterMessages.RemoveBlocks(List.of(block)));
      } catch (RuntimeException e) {
        log.debug("Could not ask for the removal of {}: {}", block.name(), e.toString());
      }
    });
  }

  private String registeredExecutor(RpcPeer from, Object message) {
    return scheduler.executorOf(from).orElseThrow(() -> new SluiceException(
        "Refused " + message.getClass().getSimpleName() + " from " + from.address() + ": not a registered executor"));
  }

  private List<ExecutorAddress> addressesOf(List<String> executorIds) {
    return executorIds.stream().map(addresses::get).filter(java.util.Objects::nonNull).toList();
  }

  private ReceiverTrackerEndpoint tracker() {
    return driverEnv.driver().get(ReceiverTrackerEndpoint.class);
  }

  /** The tracker's handle on a receiver in an executor process: messages over that executor's connection. */
  private static ReceiverControl remoteControl(RpcPeer executor, int streamId) {
    return new ReceiverControl() {
      @Override
      public void stop(String reason) {
        sendQuietly(executor, new ClusterMessages.StopReceiver(streamId, reason));
      }

      @Override
      public void updateRate(long recordsPerSecond) {
        sendQuietly(executor, new ClusterMessages.UpdateReceiverRate(streamId, recordsPerSecond));
      }
    };
  }

  private static void sendQuietly(RpcPeer peer, Object message) {
    try {
      peer.send(message);
    } catch (RuntimeException e) {
      log.debug("Could not send {} to {}: {}", message, peer.address(), e.toString());
    }
  }
}
