package io.sluice.internal.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Charts as inline SVG, drawn on the server so the page needs no script library: a timeline (one
 * point per batch, each a link to the batch with a tooltip), a histogram of the same values, and a
 * small sparkline. The y axis runs from 0 to a round number at or above the largest value.
 */
final class SvgChart {
  static final int WIDTH = 440;
  static final int HEIGHT = 150;
  static final int LEFT = 58;
  static final int RIGHT = 10;
  static final int TOP = 10;
  static final int BOTTOM = 24;
  static final int SPARK_WIDTH = 160;
  static final int SPARK_HEIGHT = 30;
  static final int BINS = 10;

  /** One value at one batch time (ms since the epoch). */
  record Point(long time, double value) {}

  private SvgChart() {}

  /**
   * @param points oldest first
   * @param linkPrefix each point links to {@code linkPrefix + time}; null for no links
   */
  static String timeline(String id, List<Point> points, DoubleFunction<String> format, String linkPrefix) {
    StringBuilder s = open(id, WIDTH, HEIGHT);
    if (points.isEmpty()) {
      return empty(s);
    }
    double yMax = roundUp(points.stream().mapToDouble(Point::value).max().orElse(0));
    axes(s, yMax, format);
    long first = points.get(0).time();
    long last = points.get(points.size() - 1).time();
    text(s, LEFT, HEIGHT - 8, "start", clock(first));
    text(s, WIDTH - RIGHT, HEIGHT - 8, "end", clock(last));
    StringBuilder line = new StringBuilder();
    for (Point p : points) {
      line.append(num(x(p.time(), first, last))).append(',').append(num(y(p.value(), yMax))).append(' ');
    }
    s.append("<polyline class=\"line\" points=\"").append(line.toString().trim()).append("\"/>");
    for (Point p : points) {
      String circle = "<circle class=\"point\" data-time=\"" + p.time() + "\" cx=\"" + num(x(p.time(), first, last))
          + "\" cy=\"" + num(y(p.value(), yMax)) + "\" r=\"3\"><title>" + Html.escape(ApiJson.iso(p.time()) + ": "
          + format.apply(p.value())) + "</title></circle>";
      s.append(linkPrefix == null ? circle : "<a href=\"" + Html.escape(linkPrefix + p.time()) + "\">" + circle + "</a>");
    }
    return s.append("</svg>").toString();
  }

  /** How often each range of values occurs: {@value #BINS} bars from 0 to the rounded-up maximum. */
  static String histogram(String id, List<Double> values, DoubleFunction<String> format) {
    StringBuilder s = open(id, WIDTH, HEIGHT);
    if (values.isEmpty()) {
      return empty(s);
    }
    double xMax = roundUp(values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    int[] counts = new int[BINS];
    for (double v : values) {
      counts[Math.min(BINS - 1, (int) (v / xMax * BINS))]++;
    }
    int most = 0;
    for (int c : counts) {
      most = Math.max(most, c);
    }
    axes(s, most, n -> String.valueOf(Math.round(n)));
    text(s, LEFT, HEIGHT - 8, "start", format.apply(0));
    text(s, WIDTH - RIGHT, HEIGHT - 8, "end", format.apply(xMax));
    double barWidth = (WIDTH - LEFT - RIGHT) / (double) BINS;
    for (int i = 0; i < BINS; i++) {
      double top = y(counts[i], most);
      s.append("<rect class=\"bar\" data-count=\"").append(counts[i]).append("\" x=\"").append(num(LEFT + i * barWidth + 1))
          .append("\" y=\"").append(num(top)).append("\" width=\"").append(num(barWidth - 2)).append("\" height=\"")
          .append(num(HEIGHT - BOTTOM - top)).append("\"><title>")
          .append(Html.escape(format.apply(xMax * i / BINS) + " to " + format.apply(xMax * (i + 1) / BINS) + ": "
              + counts[i] + (counts[i] == 1 ? " batch" : " batches")))
          .append("</title></rect>");
    }
    return s.append("</svg>").toString();
  }

  /** A line without axes, for a table cell; the tooltip names the newest value. */
  static String sparkline(String id, List<Point> points, DoubleFunction<String> format) {
    StringBuilder s = open(id, SPARK_WIDTH, SPARK_HEIGHT);
    if (points.isEmpty()) {
      return s.append("</svg>").toString();
    }
    double yMax = roundUp(points.stream().mapToDouble(Point::value).max().orElse(0));
    long first = points.get(0).time();
    long last = points.get(points.size() - 1).time();
    StringBuilder line = new StringBuilder();
    for (Point p : points) {
      double x = first == last ? SPARK_WIDTH / 2.0 : 2 + (p.time() - first) * (SPARK_WIDTH - 4.0) / (last - first);
      double y = SPARK_HEIGHT - 2 - p.value() / yMax * (SPARK_HEIGHT - 4);
      line.append(num(x)).append(',').append(num(y)).append(' ');
    }
    Point newest = points.get(points.size() - 1);
    return s.append("<polyline class=\"line\" points=\"").append(line.toString().trim()).append("\"><title>")
        .append(Html.escape("latest (" + ApiJson.iso(newest.time()) + "): " + format.apply(newest.value())))
        .append("</title></polyline></svg>").toString();
  }

  /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code max} (1 when max is 0). */
  static double roundUp(double max) {
    if (!(max > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= max) {
        return step * power;
      }
    }
    return 10 * power;
  }

  static double x(long time, long first, long last) {
    double width = WIDTH - LEFT - RIGHT;
    return first == last ? LEFT + width / 2 : LEFT + (time - first) * width / (last - first);
  }

  static double y(double value, double max) {
    double height = HEIGHT - TOP - BOTTOM;
    return max <= 0 ? HEIGHT - BOTTOM : HEIGHT - BOTTOM - value / max * height;
  }

  private static StringBuilder open(String id, int width, int height) {
    return new StringBuilder(2048).append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(Html.escape(id))
        .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
        .append(width).append(' ').append(height).append("\" role=\"img\">");
  }

  private static String empty(StringBuilder s) {
    text(s, WIDTH / 2.0, HEIGHT / 2.0, "middle", "No completed batches yet");
    return s.append("</svg>").toString();
  }

  private static void axes(StringBuilder s, double yMax, DoubleFunction<String> format) {
    s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
        .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/><line class=\"axis\" x1=\"").append(LEFT)
        .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"")
        .append(HEIGHT - BOTTOM).append("\"/>");
    text(s, LEFT - 4, TOP + 8, "end", format.apply(yMax));
    text(s, LEFT - 4, HEIGHT - BOTTOM, "end", format.apply(0));
  }

  private static void text(StringBuilder s, double x, double y, String anchor, String text) {
    s.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor)
        .append("\">").append(Html.escape(text)).append("</text>");
  }

  /** HH:mm:ss of a batch time, in UTC like the rest of the UI. */
  private static String clock(long epochMs) {
    return ApiJson.iso(epochMs).substring(11, 19);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
