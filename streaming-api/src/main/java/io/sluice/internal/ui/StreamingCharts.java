package io.sluice.internal.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The streaming page's charts: for input rate, scheduling delay, processing time and total delay, a
 * timeline over the retained completed batches (each point links to its batch page) and a histogram;
 * and each receiver's records/s over the same batches.
 */
final class StreamingCharts {
  private StreamingCharts() {}

  /** One charted measure: its name, element id stem, value of a batch (empty if it has none) and format. */
  private record Metric(String title, String id, Function<BatchRow, Optional<Double>> value,
                        DoubleFunction<String> format, Function<StreamingSnapshot, Optional<Double>> average) {}

  static void render(StringBuilder h, StreamingSnapshot s) {
    List<BatchRow> oldestFirst = new ArrayList<>(s.completed());
    Collections.reverse(oldestFirst);
    long interval = s.batchIntervalMs();
    List<Metric> metrics = List.of(
        new Metric("Input rate", "input-rate", b -> Optional.of(b.info().numRecords() * 1000.0 / interval),
            Html::rate, StreamingSnapshot::avgInputRate),
        new Metric("Scheduling delay", "scheduling-delay", b -> ms(b.info().schedulingDelay()), Html::duration,
            StreamingSnapshot::avgSchedulingDelayMs),
        new Metric("Processing time", "processing-time", b -> ms(b.info().processingDelay()), Html::duration,
            StreamingSnapshot::avgProcessingTimeMs),
        new Metric("Total delay", "total-delay", b -> ms(b.info().totalDelay()), Html::duration,
            StreamingSnapshot::avgTotalDelayMs));
    h.append("<h2>Statistics over the last ").append(oldestFirst.size()).append(" completed batches</h2>\n")
        .append("<table class=\"charts\" id=\"charts\"><tr><th></th><th>Timeline</th><th>Histogram</th></tr>\n");
    for (Metric m : metrics) {
      List<SvgChart.Point> points = new ArrayList<>();
      for (BatchRow b : oldestFirst) {
        m.value().apply(b).ifPresent(v -> points.add(new SvgChart.Point(b.batchTime(), v)));
      }
      h.append("<tr><td><b>").append(m.title()).append("</b><br>avg ")
          .append(Html.escape(m.average().apply(s).map(m.format()::apply).orElse("-"))).append("</td><td>")
          .append(SvgChart.timeline("timeline-" + m.id(), points, m.format(), "batch?time=")).append("</td><td>")
          .append(SvgChart.histogram("histogram-" + m.id(), points.stream().map(SvgChart.Point::value).toList(),
              m.format()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** Records/s of one receiver's stream in each retained completed batch, oldest first. */
  static String receiverSparkline(StreamingSnapshot s, int streamId) {
    List<SvgChart.Point> points = new ArrayList<>();
    for (BatchRow b : s.completed()) {
      long records = b.info().numRecordsByStream().getOrDefault(streamId, 0L);
      points.add(0, new SvgChart.Point(b.batchTime(), records * 1000.0 / s.batchIntervalMs()));
    }
    return SvgChart.sparkline("receiver-rate-" + streamId, points, Html::rate);
  }

  /**
   * Highlights a batch's table row while the pointer is on one of its chart points. Optional: the
   * page shows everything without it.
   */
  static final String SCRIPT = "(function(){var ps=document.querySelectorAll('svg .point');"
      + "for(var i=0;i<ps.length;i++){(function(p){var row=function(){return document.getElementById("
      + "'batch-'+p.getAttribute('data-time'));};"
      + "p.addEventListener('mouseover',function(){var r=row();if(r){r.classList.add('hl');}});"
      + "p.addEventListener('mouseout',function(){var r=row();if(r){r.classList.remove('hl');}});})(ps[i]);}})();";

  private static Optional<Double> ms(Optional<Long> value) {
    return value.map(Long::doubleValue);
  }
}
