package io.sluice.internal.streaming.receiver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A driver-side tracker for tests: records every call, accepts registrations unless told not to. */
public final class RecordingTracker implements ReceiverTrackerEndpoint {

  public record Registration(int streamId, String name, String executorId, ReceiverControl control) {}

  public record Report(int streamId, String message, String error) {}

  public final List<Registration> registrations = new CopyOnWriteArrayList<>();
  public final List<ReceivedBlockInfo> blocks = new CopyOnWriteArrayList<>();
  public final List<Report> errors = new CopyOnWriteArrayList<>();
  public final List<Report> deregistrations = new CopyOnWriteArrayList<>();
  private volatile boolean accepting = true;

  public RecordingTracker refuseRegistrations() {
    accepting = false;
    return this;
  }

  /** The control of the latest registered receiver. */
  public ReceiverControl control() {
    return registrations.get(registrations.size() - 1).control();
  }

  public long numRecords() {
    return blocks.stream().mapToLong(ReceivedBlockInfo::numRecords).sum();
  }

  @Override
  public boolean registerReceiver(int streamId, String name, String executorId, ReceiverControl control) {
    registrations.add(new Registration(streamId, name, executorId, control));
    return accepting;
  }

  @Override
  public void addBlock(ReceivedBlockInfo block) {
    blocks.add(block);
  }

  @Override
  public void reportError(int streamId, String message, String error) {
    errors.add(new Report(streamId, message, error));
  }

  @Override
  public void deregisterReceiver(int streamId, String message, String error) {
    deregistrations.add(new Report(streamId, message, error));
  }
}
