package io.sluice.testing;

import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A StreamingListener that keeps every event, in delivery order, for assertions. */
public final class RecordingListener implements StreamingListener {

  /** One delivered event: its callback name and its argument (a Long for onStreamingStarted). */
  public record Event(String kind, Object info) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void onStreamingStarted(long time) {
    events.add(new Event("streamingStarted", time));
  }

  @Override
  public void onBatchSubmitted(BatchInfo b) {
    events.add(new Event("batchSubmitted", b));
  }

  @Override
  public void onBatchStarted(BatchInfo b) {
    events.add(new Event("batchStarted", b));
  }

  @Override
  public void onBatchCompleted(BatchInfo b) {
    events.add(new Event("batchCompleted", b));
  }

  @Override
  public void onOutputOperationStarted(OutputOperationInfo o) {
    events.add(new Event("outputOperationStarted", o));
  }

  @Override
  public void onOutputOperationCompleted(OutputOperationInfo o) {
    events.add(new Event("outputOperationCompleted", o));
  }

  @Override
  public void onReceiverStarted(ReceiverInfo r) {
    events.add(new Event("receiverStarted", r));
  }

  @Override
  public void onReceiverError(ReceiverInfo r) {
    events.add(new Event("receiverError", r));
  }

  @Override
  public void onReceiverStopped(ReceiverInfo r) {
    events.add(new Event("receiverStopped", r));
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<String> kinds() {
    return events.stream().map(Event::kind).toList();
  }

  /** The arguments of every event of one kind, in order. */
  @SuppressWarnings("unchecked")
  public <T> List<T> infos(String kind) {
    List<T> out = new ArrayList<>();
    for (Event e : events) {
      if (e.kind().equals(kind)) {
        out.add((T) e.info());
      }
    }
    return out;
  }

  public List<BatchInfo> completedBatches() {
    return infos("batchCompleted");
  }

  public List<OutputOperationInfo> completedOutputOperations() {
    return infos("outputOperationCompleted");
  }

  public List<ReceiverInfo> receiverErrors() {
    return infos("receiverError");
  }
}
