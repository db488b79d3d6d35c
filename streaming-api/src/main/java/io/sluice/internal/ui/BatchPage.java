package io.sluice.internal.ui;

import io.sluice.streaming.scheduler.OutputOperationInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * One batch's page ({@code batch?time=<ms>}): its times and delays, records per input stream, and its
 * output operations with their durations and failure reasons. Served beside the streaming page, so
 * "./" leads back to it and {@code base} to the UI's root (for the JSON link).
 */
final class BatchPage {
  private BatchPage() {}

  /**
   * @param streamNames receiver streams' names by id; other input streams are shown by id only
   */
  static String render(ApplicationInfo app, BatchDetail detail, Map<Integer, String> streamNames, String base) {
    BatchRow b = detail.row();
    StringBuilder h = new StringBuilder(8192);
    Html.open(h, "Batch " + ApiJson.iso(b.batchTime()) + " \u2014 " + app.appName(), 0);
    h.append("<nav><a href=\"./\">\u2190 Streaming</a></nav>\n<h2>Summary</h2>\n<dl>");
    Html.item(h, "Batch time", ApiJson.iso(b.batchTime()) + " (" + b.batchTime() + " ms)");
    Html.item(h, "Status", b.status().label());
    Html.item(h, "Submitted", ApiJson.iso(b.info().submissionTime()));
    Html.item(h, "Processing started", b.info().processingStartTime().map(ApiJson::iso).orElse("-"));
    Html.item(h, "Processing ended", b.info().processingEndTime().map(ApiJson::iso).orElse("-"));
    Html.item(h, "Scheduling delay", b.info().schedulingDelay().map(Html::duration).orElse("-"));
    Html.item(h, "Processing time", b.info().processingDelay().map(Html::duration).orElse("-"));
    Html.item(h, "Total delay", b.info().totalDelay().map(Html::duration).orElse("-"));
    Html.item(h, "Input records", String.valueOf(b.info().numRecords()));
    Html.item(h, "Failed output operations", String.valueOf(b.failedOutputOps()));
    h.append("</dl>\n");
    inputs(h, b, streamNames);
    operations(h, detail);
    h.append("<p>JSON: <a href=\"").append(base).append("api/v1/streaming/batches/").append(b.batchTime())
        .append("\">this batch</a></p>\n");
    return Html.close(h, "");
  }

  static String notRetained(ApplicationInfo app, String what) {
    StringBuilder h = new StringBuilder(1024);
    Html.open(h, "No such batch \u2014 " + app.appName(), 0);
    h.append("<nav><a href=\"./\">\u2190 Streaming</a></nav>\n<p>").append(Html.escape(what)).append("</p>\n");
    return Html.close(h, "");
  }

  /** "running", "succeeded" or "failed". */
  static String status(OutputOperationInfo op) {
    if (op.failureReason().isPresent()) {
      return "failed";
    }
    return op.endTime().isPresent() ? "succeeded" : "running";
  }

  private static void inputs(StringBuilder h, BatchRow b, Map<Integer, String> streamNames) {
    h.append("<h2>Input</h2>\n");
    if (b.info().numRecordsByStream().isEmpty()) {
      h.append("<p>No input streams reported records for this batch.</p>\n");
      return;
    }
    h.append("<table id=\"inputs\"><tr><th>Stream</th><th>Name</th><th>Records</th></tr>\n");
    new TreeMap<>(b.info().numRecordsByStream()).forEach((id, records) -> {
      h.append("<tr>");
      Html.numberCell(h, String.valueOf(id));
      h.append("<td>").append(Html.escape(streamNames.getOrDefault(id, ""))).append("</td>");
      Html.numberCell(h, String.valueOf(records));
      h.append("</tr>\n");
    });
    h.append("</table>\n");
  }

  private static void operations(StringBuilder h, BatchDetail detail) {
    h.append("<h2>Output operations</h2>\n");
    if (detail.operations().isEmpty()) {
      h.append("<p>No output operation has started for this batch.</p>\n");
      return;
    }
    h.append("<table id=\"operations\"><tr><th>Id</th><th>Description</th><th>Started</th><th>Ended</th>")
        .append("<th>Duration</th><th>Status</th><th>Error</th></tr>\n");
    for (OutputOperationInfo op : detail.operations()) {
      h.append("<tr id=\"op-").append(op.id()).append("\">");
      Html.numberCell(h, String.valueOf(op.id()));
      h.append("<td>").append(Html.escape(op.name())).append("</td><td>")
          .append(op.startTime().map(ApiJson::iso).orElse("-")).append("</td><td>")
          .append(op.endTime().map(ApiJson::iso).orElse("-")).append("</td>");
      Html.numberCell(h, op.duration().map(Html::duration).orElse("-"));
      String status = status(op);
      h.append("<td").append(status.equals("failed") ? " class=\"failed\"" : "").append('>').append(status)
          .append("</td><td class=\"failed\">")
          .append(op.failureReason().map(reason -> "<pre>" + Html.escape(reason) + "</pre>").orElse(""))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }
}
