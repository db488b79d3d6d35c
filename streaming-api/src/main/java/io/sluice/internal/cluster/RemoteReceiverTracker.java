package io.sluice.internal.cluster;

import io.sluice.core.SluiceException;
import io.sluice.internal.rpc.RpcClient;
import io.sluice.internal.streaming.receiver.ReceivedBlockInfo;
import io.sluice.internal.streaming.receiver.ReceiverControl;
import io.sluice.internal.streaming.receiver.ReceiverTrackerEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's receiver tracker as seen from an executor process: each call is a request over the
 * driver connection, answered once the driver has recorded it (so a block counts as stored only
 * when the driver knows of it). The driver reaches a receiver back through {@link #stopReceiver}
 * and {@link #updateRate}.
 */
final class RemoteReceiverTracker implements ReceiverTrackerEndpoint {
  private final Duration timeout;
  private final Map<Integer, ReceiverControl> controls = new ConcurrentHashMap<>();
  private volatile RpcClient driver;

  RemoteReceiverTracker(Duration timeout) {
    this.timeout = timeout;
  }

  void connect(RpcClient driver) {
    this.driver = driver;
  }

  @Override
  public boolean registerReceiver(int streamId, String name, String executorId, ReceiverControl control) {
    controls.put(streamId, control);
    return Boolean.TRUE.equals(ask(new ClusterMessages.RegisterReceiver(streamId, name, executorId)));
  }

  @Override
  public void addBlock(ReceivedBlockInfo block) {
    ask(new ClusterMessages.AddBlock(block));
  }

  @Override
  public void reportError(int streamId, String message, String error) {
    ask(new ClusterMessages.ReportReceiverError(streamId, message, error));
  }

  @Override
  public void deregisterReceiver(int streamId, String message, String error) {
    controls.remove(streamId);
    ask(new ClusterMessages.DeregisterReceiver(streamId, message, error));
  }

  void stopReceiver(int streamId, String reason) {
    ReceiverControl control = controls.get(streamId);
    if (control != null) {
      control.stop(reason);
    }
  }

  void updateRate(int streamId, long recordsPerSecond) {
    ReceiverControl control = controls.get(streamId);
    if (control != null) {
      control.updateRate(recordsPerSecond);
    }
  }

  /** The executor is going away: receivers stop (and store what they buffered, if the driver is still there). */
  void stopAll(String reason) {
    controls.values().forEach(control -> control.stop(reason));
  }

  private Object ask(Object request) {
    try {
      return driver.ask(request, timeout).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while telling the driver " + request.getClass().getSimpleName(), e);
    } catch (Exception e) {
      throw new SluiceException("The driver did not accept " + request.getClass().getSimpleName() + ": "
          + e.getMessage(), e);
    }
  }
}
