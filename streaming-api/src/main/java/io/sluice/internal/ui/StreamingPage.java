package io.sluice.internal.ui;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The UI's one HTML page, rendered on the server. It must work behind the YARN web proxy, which
 * serves it under /proxy/&lt;appId&gt;/: so every link is relative, with {@code base} leading back to
 * the UI's root from where the page was served ("" at "/", "../" at "/streaming/").
 */
final class StreamingPage {
  private static final String STYLE = "body{font-family:sans-serif;margin:1em 2em;color:#222}"
      + "table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:3px 8px;"
      + "text-align:left}th{background:#eee}td.n{text-align:right}.failed{color:#b00}dt{font-weight:bold;"
      + "float:left;clear:left;width:13em}dd{margin:0 0 .2em 13em}";

  private StreamingPage() {}

  static String render(ApplicationInfo app, Map<String, String> executors, Optional<StreamingSnapshot> streaming,
                       String base) {
    StringBuilder h = new StringBuilder(8192);
    String title = "Sluice Streaming \u2014 " + app.appName();
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"5\">")
        .append("<title>").append(escape(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
    summary(h, app, executors, streaming);
    if (streaming.isPresent()) {
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
    return h.append("</p>\n</body></html>\n").toString();
  }

  private static void summary(StringBuilder h, ApplicationInfo app, Map<String, String> executors,
                              Optional<StreamingSnapshot> streaming) {
    h.append("<h2>Summary</h2>\n<dl>");
    item(h, "Application", app.appName());
    item(h, "Master", app.master());
    item(h, "Application started", ApiJson.iso(app.startTime()));
    item(h, "Executors", String.valueOf(executors.size()));
    streaming.ifPresent(s -> {
      item(h, "Batch interval", duration(s.batchIntervalMs()));
      item(h, "Streaming started", s.startTime().map(ApiJson::iso).orElse("not yet"));
      item(h, "Batches completed", String.valueOf(s.totalCompletedBatches()));
      item(h, "Batches queued / processing", s.count(BatchRow.Status.QUEUED) + " / "
          + s.count(BatchRow.Status.PROCESSING));
      item(h, "Receivers active / total", s.activeReceivers() + " / " + s.receivers().size());
      item(h, "Avg input rate", s.avgInputRate().map(StreamingPage::rate).orElse("-"));
      item(h, "Avg scheduling delay", s.avgSchedulingDelayMs().map(StreamingPage::duration).orElse("-"));
      item(h, "Avg processing time", s.avgProcessingTimeMs().map(StreamingPage::duration).orElse("-"));
    });
    h.append("</dl>\n");
  }

  private static void batches(StringBuilder h, StreamingSnapshot s) {
    h.append("<h2>Batches</h2>\n<table id=\"batches\"><tr><th>Batch time</th><th>Input records</th>")
        .append("<th>Scheduling delay</th><th>Processing time</th><th>Total delay</th><th>Status</th>")
        .append("<th>Failed output ops</th></tr>\n");
    for (BatchRow b : s.batches()) {
      h.append("<tr><td>").append(ApiJson.iso(b.batchTime())).append("</td>");
      numberCell(h, String.valueOf(b.info().numRecords()));
      numberCell(h, b.info().schedulingDelay().map(StreamingPage::duration).orElse("-"));
      numberCell(h, b.info().processingDelay().map(StreamingPage::duration).orElse("-"));
      numberCell(h, b.info().totalDelay().map(StreamingPage::duration).orElse("-"));
      h.append("<td>").append(b.status().label()).append("</td>");
      if (b.failedOutputOps() == 0) {
        numberCell(h, "0");
      } else {
        h.append("<td class=\"n failed\" title=\"").append(escape(b.firstFailureReason().orElse(""))).append("\">")
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
        .append("<th>Avg event rate</th><th>Last error</th></tr>\n");
    for (ReceiverRow r : s.receivers()) {
      h.append("<tr>");
      numberCell(h, String.valueOf(r.info().streamId()));
      h.append("<td>").append(escape(r.info().name())).append("</td><td>")
          .append(r.info().active() ? "active" : "inactive").append("</td><td>")
          .append(escape(r.info().location())).append("</td>");
      numberCell(h, s.avgEventRate(r.info().streamId()).map(StreamingPage::rate).orElse("-"));
      h.append("<td class=\"failed\">").append(r.lastError()
          .map(e -> escape(e) + r.lastErrorTime().map(t -> " (at " + ApiJson.iso(t) + ")").orElse(""))
          .orElse("")).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void executors(StringBuilder h, Map<String, String> executors) {
    h.append("<h2>Executors</h2>\n<table id=\"executors\"><tr><th>Id</th><th>Address</th></tr>\n");
    executors.forEach((id, address) -> h.append("<tr><td>").append(escape(id)).append("</td><td>")
        .append(escape(address)).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  private static void item(StringBuilder h, String term, String value) {
    h.append("<dt>").append(term).append("</dt><dd>").append(escape(value)).append("</dd>");
  }

  private static void numberCell(StringBuilder h, String text) {
    h.append("<td class=\"n\">").append(text).append("</td>");
  }

  static String duration(double ms) {
    return ms < 1000 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.1f records/s", perSecond);
  }

  static String escape(String s) {
    return Html.escape(s);
  }

}
