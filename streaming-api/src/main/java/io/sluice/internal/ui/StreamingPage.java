package io.sluice.internal.ui;

import io.sluice.internal.checkpoint.CheckpointStatus;
import java.util.Map;
import java.util.Optional;

/**
 * The UI's main page (summary, charts, batches, receivers, executors), rendered on the server; each
 * batch links to its {@link BatchPage}. It must work behind the YARN web proxy, which
 * serves it under /proxy/&lt;appId&gt;/: so every link is relative, with {@code base} leading back to
 * the UI's root from where the page was served ("" at "/", "../" at "/streaming/").
 */
final class StreamingPage {
  private StreamingPage() {}

  static String render(ApplicationInfo app, Map<String, String> executors, Optional<StreamingSnapshot> streaming,
                       String base) {
    StringBuilder h = new StringBuilder(32768);
    Html.open(h, "Sluice Streaming \u2014 " + app.appName(), 5);
    summary(h, app, executors, streaming);
    if (streaming.isPresent()) {
      StreamingCharts.render(h, streaming.get());
      batches(h, streaming.get());
      receivers(h, streaming.get());
    } else {
      h.append("<p>No StreamingContext has been started in this application.</p>\n");
    }
    executors(h, executors);
    h.append("<p>JSON: ");
    for (String api : new String[] {"application", "executors", "streaming/statistics", "streaming/batches",
        "streaming/receivers"}) {
      h.append("<a href=\"").append(base).append("api/v1/").append(api).append("\">").append(api).append("</a> ");
    }
    h.append("</p>\n");
    return Html.close(h, streaming.isPresent() ? StreamingCharts.SCRIPT : "");
  }

  private static void summary(StringBuilder h, ApplicationInfo app, Map<String, String> executors,
                              Optional<StreamingSnapshot> streaming) {
    h.append("<h2>Summary</h2>\n<dl>");
    Html.item(h, "Application", app.appName());
    Html.item(h, "Master", app.master());
    Html.item(h, "Application started", ApiJson.iso(app.startTime()));
    Html.item(h, "Executors", String.valueOf(executors.size()));
    streaming.ifPresent(s -> {
      Html.item(h, "Batch interval", Html.duration(s.batchIntervalMs()));
      Html.item(h, "Streaming started", s.startTime().map(ApiJson::iso).orElse("not yet"));
      Html.item(h, "Batches completed", String.valueOf(s.totalCompletedBatches()));
      Html.item(h, "Batches queued / processing", s.count(BatchRow.Status.QUEUED) + " / "
          + s.count(BatchRow.Status.PROCESSING));
      Html.item(h, "Receivers active / total", s.activeReceivers() + " / " + s.receivers().size());
      Html.item(h, "Avg input rate", s.avgInputRate().map(Html::rate).orElse("-"));
      Html.item(h, "Avg scheduling delay", s.avgSchedulingDelayMs().map(Html::duration).orElse("-"));
      Html.item(h, "Avg processing time", s.avgProcessingTimeMs().map(Html::duration).orElse("-"));
      s.checkpoints().ifPresent(c -> checkpoints(h, c));
    });
    h.append("</dl>\n");
  }

  private static void checkpoints(StringBuilder h, CheckpointStatus.View c) {
    String last = c.lastWrittenBatchMs() < 0 ? "none yet" : "for batch " + ApiJson.iso(c.lastWrittenBatchMs());
    Html.item(h, "Last checkpoint written", last);
    if (c.failuresSinceLastWrite() > 0) {
      h.append("<dt class=\"failed\">Checkpoint writes failing</dt><dd class=\"failed\" id=\"checkpoint-failure\">")
          .append(c.failuresSinceLastWrite()).append(" since the last one written; batches go on. Last error at ")
          .append(ApiJson.iso(c.lastErrorAtMs())).append(": ").append(Html.escape(c.lastError().orElse("")))
          .append("</dd>");
    } else if (c.failedWrites() > 0) {
      Html.item(h, "Checkpoint writes failed earlier", c.failedWrites() + " (caught up since)");
    }
  }

  private static void batches(StringBuilder h, StreamingSnapshot s) {
    h.append("<h2>Batches</h2>\n<table id=\"batches\"><tr><th>Batch time</th><th>Input records</th>")
        .append("<th>Scheduling delay</th><th>Processing time</th><th>Total delay</th><th>Status</th>")
        .append("<th>Failed output ops</th></tr>\n");
    for (BatchRow b : s.batches()) {
      h.append("<tr id=\"batch-").append(b.batchTime()).append("\"><td><a href=\"batch?time=").append(b.batchTime())
          .append("\">").append(ApiJson.iso(b.batchTime())).append("</a></td>");
      Html.numberCell(h, String.valueOf(b.info().numRecords()));
      Html.numberCell(h, b.info().schedulingDelay().map(Html::duration).orElse("-"));
      Html.numberCell(h, b.info().processingDelay().map(Html::duration).orElse("-"));
      Html.numberCell(h, b.info().totalDelay().map(Html::duration).orElse("-"));
      h.append("<td>").append(b.status().label()).append("</td>");
      if (b.failedOutputOps() == 0) {
        Html.numberCell(h, "0");
      } else {
        h.append("<td class=\"n failed\" title=\"").append(Html.escape(b.firstFailureReason().orElse(""))).append("\">")
            .append(b.failedOutputOps()).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void receivers(StringBuilder h, StreamingSnapshot s) {
    h.append("<h2>Receivers</h2>\n");
    if (s.receivers().isEmpty()) {
      h.append("<p>No receiver-based input streams.</p>\n");
      return;
    }
    h.append("<table id=\"receivers\"><tr><th>Stream</th><th>Name</th><th>State</th><th>Executor</th>")
        .append("<th>Avg event rate</th><th>Records/s, recent batches</th><th>Last error</th></tr>\n");
    for (ReceiverRow r : s.receivers()) {
      h.append("<tr>");
      Html.numberCell(h, String.valueOf(r.info().streamId()));
      h.append("<td>").append(Html.escape(r.info().name())).append("</td><td>")
          .append(r.info().active() ? "active" : "inactive").append("</td><td>")
          .append(Html.escape(r.info().location())).append("</td>");
      Html.numberCell(h, s.avgEventRate(r.info().streamId()).map(Html::rate).orElse("-"));
      h.append("<td>").append(StreamingCharts.receiverSparkline(s, r.info().streamId())).append("</td>");
      h.append("<td class=\"failed\">").append(r.lastError()
          .map(e -> Html.escape(e) + r.lastErrorTime().map(t -> " (at " + ApiJson.iso(t) + ")").orElse(""))
          .orElse("")).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void executors(StringBuilder h, Map<String, String> executors) {
    h.append("<h2>Executors</h2>\n<table id=\"executors\"><tr><th>Id</th><th>Address</th></tr>\n");
    executors.forEach((id, address) -> h.append("<tr><td>").append(Html.escape(id)).append("</td><td>")
        .append(Html.escape(address)).append("</td></tr>\n"));
    h.append("</table>\n");
  }
}
