package io.sluice.internal.ui;

import io.sluice.streaming.scheduler.OutputOperationInfo;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON documents under /api/v1/. Absent values are written as null; times are ms since the epoch. */
final class ApiJson {
  private ApiJson() {}

  static String application(ApplicationInfo app, String webUrl, boolean streaming) {
    return new JsonWriter().beginObject()
        .name("appName").value(app.appName())
        .name("master").value(app.master())
        .name("startTime").value(app.startTime())
        .name("startTimeIso").value(iso(app.startTime()))
        .name("webUrl").value(webUrl)
        .name("streaming").value(streaming)
        .endObject().toJson();
  }

  static String executors(Map<String, String> addresses) {
    JsonWriter json = new JsonWriter().beginArray();
    addresses.forEach((id, address) -> json.beginObject().name("id").value(id).name("address").value(address).endObject());
    return json.endArray().toJson();
  }

  static String statistics(Optional<StreamingSnapshot> streaming) {
    if (streaming.isEmpty()) {
      return new JsonWriter().beginObject().name("streaming").value(false).endObject().toJson();
    }
    StreamingSnapshot s = streaming.get();
    JsonWriter json = new JsonWriter().beginObject()
        .name("streaming").value(true)
        .name("startTime");
    optionalLong(json, s.startTime());
    json.name("batchIntervalMs").value(s.batchIntervalMs())
        .name("numReceivers").value(s.receivers().size())
        .name("numActiveReceivers").value(s.activeReceivers())
        .name("numInactiveReceivers").value(s.receivers().size() - s.activeReceivers())
        .name("numTotalCompletedBatches").value(s.totalCompletedBatches())
        .name("numRetainedCompletedBatches").value(s.count(BatchRow.Status.COMPLETED))
        .name("numQueuedBatches").value(s.count(BatchRow.Status.QUEUED))
        .name("numProcessingBatches").value(s.count(BatchRow.Status.PROCESSING))
        .name("numReceivedRecords").value(s.totalReceivedRecords());
    json.name("avgInputRate");
    optionalDouble(json, s.avgInputRate());
    json.name("avgSchedulingDelayMs");
    optionalDouble(json, s.avgSchedulingDelayMs());
    json.name("avgProcessingTimeMs");
    optionalDouble(json, s.avgProcessingTimeMs());
    json.name("avgTotalDelayMs");
    optionalDouble(json, s.avgTotalDelayMs());
    s.checkpoints().ifPresent(c -> {
      json.name("checkpoint").beginObject().name("lastWrittenBatchTime");
      if (c.lastWrittenBatchMs() < 0) {
        json.nullValue();
      } else {
        json.value(iso(c.lastWrittenBatchMs()));
      }
      json.name("failedWrites").value(c.failedWrites())
          .name("failuresSinceLastWrite").value(c.failuresSinceLastWrite())
          .name("lastError");
      if (c.lastError().isPresent()) {
        json.value(c.lastError().get());
      } else {
        json.nullValue();
      }
      json.endObject();
    });
    return json.endObject().toJson();
  }

  static String batches(Optional<StreamingSnapshot> streaming) {
    JsonWriter json = new JsonWriter().beginArray();
    streaming.ifPresent(s -> s.batches().forEach(b -> {
      json.beginObject();
      batchFields(json, b);
      json.endObject();
    }));
    return json.endArray().toJson();
  }

  /** One batch: the fields of {@link #batches} plus its records per input stream and its output operations. */
  static String batch(BatchDetail detail) {
    JsonWriter json = new JsonWriter().beginObject();
    batchFields(json, detail.row());
    json.name("submissionTime").value(detail.row().info().submissionTime()).name("processingStartTime");
    optionalLong(json, detail.row().info().processingStartTime());
    json.name("processingEndTime");
    optionalLong(json, detail.row().info().processingEndTime());
    json.name("streams").beginArray();
    new TreeMap<>(detail.row().info().numRecordsByStream()).forEach((id, records) ->
        json.beginObject().name("streamId").value(id).name("records").value(records).endObject());
    json.endArray().name("outputOperations");
    operationsArray(json, detail);
    return json.endObject().toJson();
  }

  /** A batch's output operations, in id order. */
  static String operations(BatchDetail detail) {
    JsonWriter json = new JsonWriter();
    operationsArray(json, detail);
    return json.toJson();
  }

  private static void operationsArray(JsonWriter json, BatchDetail detail) {
    json.beginArray();
    for (OutputOperationInfo op : detail.operations()) {
      json.beginObject().name("id").value(op.id()).name("name").value(op.name())
          .name("status").value(BatchPage.status(op)).name("startTime");
      optionalLong(json, op.startTime());
      json.name("endTime");
      optionalLong(json, op.endTime());
      json.name("durationMs");
      optionalLong(json, op.duration());
      json.name("failureReason").value(op.failureReason().orElse(null)).endObject();
    }
    json.endArray();
  }

  private static void batchFields(JsonWriter json, BatchRow b) {
    json.name("batchTime").value(b.batchTime())
        .name("batchTimeIso").value(iso(b.batchTime()))
        .name("status").value(b.status().label())
        .name("inputSize").value(b.info().numRecords())
        .name("schedulingDelayMs");
    optionalLong(json, b.info().schedulingDelay());
    json.name("processingTimeMs");
    optionalLong(json, b.info().processingDelay());
    json.name("totalDelayMs");
    optionalLong(json, b.info().totalDelay());
    json.name("numFailedOutputOps").value(b.failedOutputOps())
        .name("firstFailureReason").value(b.firstFailureReason().orElse(null));
  }

  static String receivers(Optional<StreamingSnapshot> streaming) {
    JsonWriter json = new JsonWriter().beginArray();
    streaming.ifPresent(s -> s.receivers().forEach(r -> {
      json.beginObject()
          .name("streamId").value(r.info().streamId())
          .name("name").value(r.info().name())
          .name("active").value(r.info().active())
          .name("location").value(r.info().location())
          .name("avgEventRate");
      optionalDouble(json, s.avgEventRate(r.info().streamId()));
      json.name("lastError").value(r.lastError().orElse(null))
          .name("lastErrorTime");
      optionalLong(json, r.lastErrorTime());
      json.endObject();
    }));
    return json.endArray().toJson();
  }

  static String iso(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }

  private static void optionalLong(JsonWriter json, Optional<Long> value) {
    value.ifPresentOrElse(json::value, json::nullValue);
  }

  private static void optionalDouble(JsonWriter json, Optional<Double> value) {
    value.ifPresentOrElse(json::value, json::nullValue);
  }
}
