package io.sluice.internal.ui;

import java.util.Locale;

/**
 * What every UI page shares: the document head with its inline style (no external CSS, scripts or
 * fonts, so pages work behind the YARN proxy and offline), escaping, and number formats.
 */
public final class Html {
  private static final String STYLE = "body{font-family:sans-serif;margin:1em 2em;color:#222}"
      + "table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:3px 8px;"
      + "text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}.failed{color:#b00}"
      + "dt{font-weight:bold;float:left;clear:left;width:13em}dd{margin:0 0 .2em 13em}"
      + "table.charts td{border:none;padding:2px 8px}svg text{font-size:10px;fill:#555}"
      + "svg .axis{stroke:#999}svg .line{fill:none;stroke:#4682b4;stroke-width:1.5}"
      + "svg .point{fill:#4682b4}svg .point:hover,svg .point.hl{fill:#e6550d}svg .bar{fill:#4682b4}"
      + "svg .bar:hover{fill:#e6550d}tr.hl td{background:#fdebd0}pre{white-space:pre-wrap;margin:0}"
      + "nav{margin-bottom:1em}";

  private Html() {}

  /** Opens a page: doctype, head and the heading; {@code refreshSeconds} 0 for none. */
  static void open(StringBuilder h, String title, int refreshSeconds) {
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
    if (refreshSeconds > 0) {
      h.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
    }
    h.append("<title>").append(escape(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
  }

  /** Closes what {@link #open} opened, after an optional inline script (the page must work without it). */
  static String close(StringBuilder h, String script) {
    if (!script.isEmpty()) {
      h.append("<script>").append(script).append("</script>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  static void item(StringBuilder h, String term, String value) {
    h.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>");
  }

  static void numberCell(StringBuilder h, String text) {
    h.append("<td class=\"n\">").append(text).append("</td>");
  }

  static String duration(double ms) {
    return ms < 1000 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.1f records/s", perSecond);
  }

  /** Escapes text for element content and quoted attribute values. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
