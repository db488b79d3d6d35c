package io.sluice.internal.history;

import io.sluice.internal.eventlog.EventJson;
import io.sluice.internal.ui.AppUiSource;
import io.sluice.internal.ui.ApplicationInfo;
import io.sluice.internal.ui.StreamingUiListener;
import io.sluice.streaming.Time;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One application run rebuilt from its event log: the streaming events go into a StreamingUiListener
 * exactly as the listener bus delivered them to the driver's, so the history shows what the live UI
 * showed. Events are applied by the history server under its lock; HTTP threads read concurrently.
 */
final class ReplayedApplication implements AppUiSource {
  private final ReplayClock clock = new ReplayClock();
  private volatile String appId;
  private volatile String attemptId;
  private volatile String user;
  private volatile ApplicationInfo app = new ApplicationInfo("(unknown)", "", 0);
  private volatile Long endTime;
  private volatile StreamingUiListener streaming;
  private final Map<String, String> executors = new TreeMap<>();

  ReplayedApplication(String runName) {
    this.appId = runName;
  }

  String appId() {
    return appId;
  }

  /** Empty outside YARN. */
  Optional<String> attemptId() {
    return Optional.ofNullable(attemptId);
  }

  String user() {
    return user;
  }

  /** When the application ended, if its log says so. */
  Optional<Long> endTime() {
    return Optional.ofNullable(endTime);
  }

  /** Applies one logged event; unknown events (from a newer writer) are ignored. */
  void apply(Map<String, Object> e) {
    String event = String.valueOf(e.get("event"));
    clock.set(longOf(e, "time"));
    StreamingUiListener s = streaming;
    switch (event) {
      case EventJson.APPLICATION_START -> {
        appId = stringOf(e, "appId");
        attemptId = stringOf(e, "attemptId");
        user = stringOf(e, "user");
        app = new ApplicationInfo(stringOf(e, "appName"), stringOf(e, "master"), longOf(e, "time"));
      }
      case EventJson.APPLICATION_END -> endTime = longOf(e, "time");
      case EventJson.EXECUTOR_ADDED -> {
        synchronized (executors) {
          executors.put(stringOf(e, "executorId"), stringOf(e, "address"));
        }
      }
      case EventJson.EXECUTOR_REMOVED -> {
        synchronized (executors) {
          executors.remove(stringOf(e, "executorId"));
        }
      }
      case EventJson.STREAMING_CONTEXT_START -> streaming = new StreamingUiListener(longOf(e, "batchIntervalMs"),
          receiverStreams(e), clock, (int) longOf(e, "retainedBatches"));
      case EventJson.STREAMING_STARTED -> ifStreaming(s, () -> s.onStreamingStarted(longOf(e, "startTime")));
      case EventJson.BATCH_SUBMITTED -> ifStreaming(s, () -> s.onBatchSubmitted(batch(e)));
      case EventJson.BATCH_STARTED -> ifStreaming(s, () -> s.onBatchStarted(batch(e)));
      case EventJson.BATCH_COMPLETED -> ifStreaming(s, () -> s.onBatchCompleted(batch(e)));
      case EventJson.OUTPUT_OPERATION_STARTED -> ifStreaming(s, () -> s.onOutputOperationStarted(outputOperation(e)));
      case EventJson.OUTPUT_OPERATION_COMPLETED ->
          ifStreaming(s, () -> s.onOutputOperationCompleted(outputOperation(e)));
      case EventJson.RECEIVER_STARTED -> ifStreaming(s, () -> s.onReceiverStarted(receiver(e)));
      case EventJson.RECEIVER_ERROR -> ifStreaming(s, () -> s.onReceiverError(receiver(e)));
      case EventJson.RECEIVER_STOPPED -> ifStreaming(s, () -> s.onReceiverStopped(receiver(e)));
      default -> { }
    }
  }

  @Override
  public ApplicationInfo app() {
    return app;
  }

  /** The driver's address is gone with the driver. */
  @Override
  public String webUrl() {
    return null;
  }

  @Override
  public Map<String, String> executors() {
    synchronized (executors) {
      return new TreeMap<>(executors);
    }
  }

  @Override
  public Optional<StreamingUiListener> streaming() {
    return Optional.ofNullable(streaming);
  }

  private static void ifStreaming(StreamingUiListener s, Runnable apply) {
    if (s != null) {
      apply.run();
    }
  }

  private static Map<Integer, String> receiverStreams(Map<String, Object> e) {
    Map<Integer, String> streams = new TreeMap<>();
    for (Object o : (List<?>) e.get("receiverStreams")) {
      Map<String, Object> stream = map(o);
      streams.put((int) longOf(stream, "streamId"), stringOf(stream, "name"));
    }
    return streams;
  }

  private static BatchInfo batch(Map<String, Object> e) {
    Map<String, Object> b = map(e.get("batch"));
    Map<Integer, Long> records = new TreeMap<>();
    map(b.get("numRecordsByStream")).forEach((stream, n) -> records.put(Integer.parseInt(stream), (Long) n));
    return new BatchInfo(new Time(longOf(b, "batchTime")), records, longOf(b, "submissionTime"),
        optionalLong(b, "processingStartTime"), optionalLong(b, "processingEndTime"));
  }

  private static OutputOperationInfo outputOperation(Map<String, Object> e) {
    Map<String, Object> o = map(e.get("outputOperation"));
    return new OutputOperationInfo(new Time(longOf(o, "batchTime")), (int) longOf(o, "id"), stringOf(o, "name"),
        optionalLong(o, "startTime"), optionalLong(o, "endTime"), Optional.ofNullable(stringOf(o, "failureReason")));
  }

  private static ReceiverInfo receiver(Map<String, Object> e) {
    Map<String, Object> r = map(e.get("receiver"));
    return new ReceiverInfo((int) longOf(r, "streamId"), stringOf(r, "name"), Boolean.TRUE.equals(r.get("active")),
        stringOf(r, "location"), stringOf(r, "lastError"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    if (!(o instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected a JSON object, found " + o);
    }
    return (Map<String, Object>) o;
  }

  private static long longOf(Map<String, Object> m, String name) {
    Object v = m.get(name);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("expected a number in \"" + name + "\", found " + v);
    }
    return n.longValue();
  }

  private static Optional<Long> optionalLong(Map<String, Object> m, String name) {
    return m.get(name) == null ? Optional.empty() : Optional.of(longOf(m, name));
  }

  private static String stringOf(Map<String, Object> m, String name) {
    Object v = m.get(name);
    return v == null ? null : v.toString();
  }
}
