package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.streaming.scheduler.StreamingListener;

/** An event for streaming listeners; each knows which listener method it calls. */
public sealed interface ListenerEvent {
  void deliverTo(StreamingListener listener);

  record StreamingStarted(long time) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onStreamingStarted(time);
    }
  }

  record BatchSubmitted(BatchInfo batch) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onBatchSubmitted(batch);
    }
  }

  record BatchStarted(BatchInfo batch) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onBatchStarted(batch);
    }
  }

  record BatchCompleted(BatchInfo batch) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onBatchCompleted(batch);
    }
  }

  record OutputOperationStarted(OutputOperationInfo op) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onOutputOperationStarted(op);
    }
  }

  record OutputOperationCompleted(OutputOperationInfo op) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onOutputOperationCompleted(op);
    }
  }

  record ReceiverStarted(ReceiverInfo receiver) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onReceiverStarted(receiver);
    }
  }

  record ReceiverError(ReceiverInfo receiver) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onReceiverError(receiver);
    }
  }

  record ReceiverStopped(ReceiverInfo receiver) implements ListenerEvent {
    public void deliverTo(StreamingListener l) {
      l.onReceiverStopped(receiver);
    }
  }
}
