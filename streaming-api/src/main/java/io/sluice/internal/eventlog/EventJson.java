package io.sluice.internal.eventlog;

import io.sluice.internal.ui.JsonWriter;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import java.util.Map;
import java.util.Optional;

/**
 * The event log's line format: one compact JSON object per event, {@code {"event":NAME,"time":MS,...}}
 * with {@code time} in ms since the epoch (by the streaming clock for streaming events), and every
 * listener payload in full. The names below are the format's vocabulary; readers ignore unknown events.
 */
public final class EventJson {
  public static final String APPLICATION_START = "ApplicationStart";
  public static final String APPLICATION_END = "ApplicationEnd";
  public static final String EXECUTOR_ADDED = "ExecutorAdded";
  public static final String EXECUTOR_REMOVED = "ExecutorRemoved";
  /** A StreamingContext started: batch interval, receiver streams, retained batches of its UI. */
  public static final String STREAMING_CONTEXT_START = "StreamingContextStart";
  public static final String STREAMING_STARTED = "StreamingStarted";
  public static final String BATCH_SUBMITTED = "BatchSubmitted";
  public static final String BATCH_STARTED = "BatchStarted";
  public static final String BATCH_COMPLETED = "BatchCompleted";
  public static final String OUTPUT_OPERATION_STARTED = "OutputOperationStarted";
  public static final String OUTPUT_OPERATION_COMPLETED = "OutputOperationCompleted";
  public static final String RECEIVER_STARTED = "ReceiverStarted";
  public static final String RECEIVER_ERROR = "ReceiverError";
  public static final String RECEIVER_STOPPED = "ReceiverStopped";

  private EventJson() {}

  static String applicationStart(long time, String appId, String attemptId, String appName, String master,
                                 String user) {
    return begin(APPLICATION_START, time).name("appId").value(appId).name("attemptId").value(attemptId)
        .name("appName").value(appName).name("master").value(master).name("user").value(user)
        .endObject().toJson();
  }

  static String applicationEnd(long time) {
    return begin(APPLICATION_END, time).endObject().toJson();
  }

  static String executorAdded(long time, String executorId, String hostPort, int cores) {
    return begin(EXECUTOR_ADDED, time).name("executorId").value(executorId).name("address").value(hostPort)
        .name("cores").value(cores).endObject().toJson();
  }

  static String executorRemoved(long time, String executorId, String reason) {
    return begin(EXECUTOR_REMOVED, time).name("executorId").value(executorId).name("reason").value(reason)
        .endObject().toJson();
  }

  static String streamingContextStart(long time, long batchIntervalMs, Map<Integer, String> receiverStreams,
                                      int retainedBatches) {
    JsonWriter json = begin(STREAMING_CONTEXT_START, time).name("batchIntervalMs").value(batchIntervalMs)
        .name("retainedBatches").value(retainedBatches).name("receiverStreams").beginArray();
    receiverStreams.forEach((id, name) -> json.beginObject().name("streamId").value(id).name("name").value(name)
        .endObject());
    return json.endArray().endObject().toJson();
  }

  static String streamingStarted(long time, long startTime) {
    return begin(STREAMING_STARTED, time).name("startTime").value(startTime).endObject().toJson();
  }

  static String batch(String event, long time, BatchInfo b) {
    JsonWriter json = begin(event, time).name("batch").beginObject()
        .name("batchTime").value(b.batchTime().milliseconds())
        .name("numRecordsByStream").beginObject();
    b.numRecordsByStream().forEach((stream, records) -> json.name(String.valueOf(stream)).value(records));
    json.endObject().name("submissionTime").value(b.submissionTime()).name("processingStartTime");
    optional(json, b.processingStartTime());
    json.name("processingEndTime");
    optional(json, b.processingEndTime());
    return json.endObject().endObject().toJson();
  }

  static String outputOperation(String event, long time, OutputOperationInfo o) {
    JsonWriter json = begin(event, time).name("outputOperation").beginObject()
        .name("batchTime").value(o.batchTime().milliseconds())
        .name("id").value(o.id())
        .name("name").value(o.name())
        .name("startTime");
    optional(json, o.startTime());
    json.name("endTime");
    optional(json, o.endTime());
    return json.name("failureReason").value(o.failureReason().orElse(null)).endObject().endObject().toJson();
  }

  static String receiver(String event, long time, ReceiverInfo r) {
    return begin(event, time).name("receiver").beginObject()
        .name("streamId").value(r.streamId())
        .name("name").value(r.name())
        .name("active").value(r.active())
        .name("location").value(r.location())
        .name("lastError").value(r.lastError())
        .endObject().endObject().toJson();
  }

  private static JsonWriter begin(String event, long time) {
    return new JsonWriter().beginObject().name("event").value(event).name("time").value(time);
  }

  private static void optional(JsonWriter json, Optional<Long> value) {
    value.ifPresentOrElse(json::value, json::nullValue);
  }
}
