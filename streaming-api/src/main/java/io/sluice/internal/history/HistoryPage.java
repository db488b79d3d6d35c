package io.sluice.internal.history;

import io.sluice.internal.ui.Html;
import java.time.Instant;
import java.util.List;

/** The history server's front page: one row per logged application run, newest first, relative links only. */
final class HistoryPage {
  private static final String STYLE = "body{font-family:sans-serif;margin:1em 2em;color:#222}"
      + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eee}";

  private HistoryPage() {}

  static String render(List<LoggedRun> runs) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sluice History</title><style>")
        .append(STYLE).append("</style></head><body>\n<h1>Sluice History</h1>\n");
    if (runs.isEmpty()) {
      h.append("<p>No event logs found.</p>\n");
    } else {
      h.append("<table id=\"applications\"><tr><th>Application</th><th>Attempt</th><th>Name</th><th>User</th>")
          .append("<th>Started</th><th>Ended</th><th>Status</th></tr>\n");
      for (LoggedRun run : runs) {
        ReplayedApplication app = run.app();
        h.append("<tr><td><a href=\"history/").append(Html.escape(app.appId())).append("/\">")
            .append(Html.escape(app.appId())).append("</a></td><td>")
            .append(app.attemptId().map(a -> "<a href=\"history/" + Html.escape(app.appId()) + "/" + Html.escape(a)
                + "/\">" + Html.escape(a) + "</a>").orElse("")).append("</td><td>")
            .append(Html.escape(app.app().appName())).append("</td><td>")
            .append(Html.escape(app.user())).append("</td><td>")
            .append(Instant.ofEpochMilli(app.app().startTime())).append("</td><td>")
            .append(app.endTime().map(t -> Instant.ofEpochMilli(t).toString()).orElse("")).append("</td><td>")
            .append(run.inProgress() ? "in progress" : "completed").append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    return h.append("<p>JSON: <a href=\"api/v1/applications\">applications</a></p>\n</body></html>\n").toString();
  }
}
