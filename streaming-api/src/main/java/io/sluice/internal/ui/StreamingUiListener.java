package io.sluice.internal.ui;

import io.sluice.internal.checkpoint.CheckpointStatus;
import io.sluice.internal.util.Clock;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects what the streaming UI shows from listener events: every queued and running batch, the
 * last {@code retainedBatches} completed ones with their output operations, and each receiver's
 * state. Only events feed it, so replaying an application's events rebuilds the same pages. Events arrive on the
 * listener-bus thread, snapshots are taken on HTTP threads; one lock guards the state.
 */
public final class StreamingUiListener implements StreamingListener {
  private final long batchIntervalMs;
  private final Clock clock;
  private final int retainedBatches;
  private final TreeMap<Long, BatchRow> batches = new TreeMap<>();
  private final TreeMap<Integer, ReceiverRow> receivers = new TreeMap<>();
  // Output operations of the batches in `batches` only, so they are bounded the same way.
  private final Map<Long, TreeMap<Integer, OutputOperationInfo>> operations = new HashMap<>();
  private Long startTime;
  private volatile CheckpointStatus checkpoints;
  private int retainedCompleted;
  private long totalCompleted;
  private long totalRecords;

  /**
   * @param receiverStreams id and name of every receiver-based input stream, so receivers not yet
   *     started are listed (inactive)
   * @param clock the streaming clock, which stamps receiver errors (the events carry no time)
   */
  public StreamingUiListener(long batchIntervalMs, Map<Integer, String> receiverStreams, Clock clock,
                             int retainedBatches) {
    this.batchIntervalMs = batchIntervalMs;
    this.clock = clock;
    this.retainedBatches = retainedBatches;
    receiverStreams.forEach((id, name) ->
        receivers.put(id, new ReceiverRow(new ReceiverInfo(id, name, false, "", ""), Optional.empty())));
  }

  @Override
  public synchronized void onStreamingStarted(long time) {
    startTime = time;
  }

  @Override
  public synchronized void onBatchSubmitted(BatchInfo batch) {
    update(batch, BatchRow.Status.QUEUED);
  }

  @Override
  public synchronized void onBatchStarted(BatchInfo batch) {
    update(batch, BatchRow.Status.PROCESSING);
  }

  @Override
  public synchronized void onBatchCompleted(BatchInfo batch) {
    BatchRow before = update(batch, BatchRow.Status.COMPLETED);
    if (before == null || before.status() != BatchRow.Status.COMPLETED) {
      retainedCompleted++;
      totalCompleted++;
      totalRecords += batch.numRecords();
    }
    evictCompleted();
  }

  @Override
  public synchronized void onOutputOperationStarted(OutputOperationInfo op) {
    keepOperation(op);
  }

  @Override
  public synchronized void onOutputOperationCompleted(OutputOperationInfo op) {
    keepOperation(op);
    op.failureReason().ifPresent(reason ->
        batches.computeIfPresent(op.batchTime().milliseconds(), (time, row) -> row.withFailure(reason)));
  }

  @Override
  public synchronized void onReceiverStarted(ReceiverInfo receiver) {
    keepErrorTime(receiver);
  }

  @Override
  public synchronized void onReceiverError(ReceiverInfo receiver) {
    receivers.put(receiver.streamId(), new ReceiverRow(receiver, Optional.of(clock.currentTimeMillis())));
  }

  @Override
  public synchronized void onReceiverStopped(ReceiverInfo receiver) {
    keepErrorTime(receiver);
  }

  /** Shows how the live driver's metadata checkpoints go (failed writes do not stop batches). */
  public void watchCheckpoints(CheckpointStatus status) {
    this.checkpoints = status;
  }

  public synchronized StreamingSnapshot snapshot() {
    List<BatchRow> newestFirst = new ArrayList<>(batches.descendingMap().values());
    CheckpointStatus watched = checkpoints;
    return new StreamingSnapshot(Optional.ofNullable(startTime), batchIntervalMs, newestFirst,
        List.copyOf(receivers.values()), totalCompleted, totalRecords,
        Optional.ofNullable(watched).map(CheckpointStatus::view));
  }

  /** The batch at {@code batchTime} with its output operations, while it is retained. */
  public synchronized Optional<BatchDetail> batch(long batchTime) {
    BatchRow row = batches.get(batchTime);
    if (row == null) {
      return Optional.empty();
    }
    TreeMap<Integer, OutputOperationInfo> ops = operations.getOrDefault(batchTime, new TreeMap<>());
    return Optional.of(new BatchDetail(row, List.copyOf(ops.values())));
  }

  /** Keeps the latest event of each operation of a retained batch; the completed one replaces the started one. */
  private void keepOperation(OutputOperationInfo op) {
    long time = op.batchTime().milliseconds();
    if (batches.containsKey(time)) {
      operations.computeIfAbsent(time, t -> new TreeMap<>()).put(op.id(), op);
    }
  }

  private void keepErrorTime(ReceiverInfo receiver) {
    ReceiverRow old = receivers.get(receiver.streamId());
    receivers.put(receiver.streamId(), new ReceiverRow(receiver, old == null ? Optional.empty() : old.lastErrorTime()));
  }

  /** Returns the row before the update, or null. */
  private BatchRow update(BatchInfo batch, BatchRow.Status status) {
    long time = batch.batchTime().milliseconds();
    BatchRow old = batches.get(time);
    batches.put(time, old == null ? new BatchRow(batch, status, 0, Optional.empty()) : old.withInfo(batch, status));
    return old;
  }

  /** Drops the oldest completed batches beyond the limit; queued and running ones always stay. */
  private void evictCompleted() {
    Iterator<BatchRow> oldestFirst = batches.values().iterator();
    while (retainedCompleted > retainedBatches && oldestFirst.hasNext()) {
      BatchRow oldest = oldestFirst.next();
      if (oldest.status() == BatchRow.Status.COMPLETED) {
        oldestFirst.remove();
        operations.remove(oldest.batchTime());
        retainedCompleted--;
      }
    }
  }
}
