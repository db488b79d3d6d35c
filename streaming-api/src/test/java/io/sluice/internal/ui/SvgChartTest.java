package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {
  private static final Pattern CIRCLE = Pattern.compile(
      "<a href=\"batch\\?time=(\\d+)\"><circle class=\"point\" data-time=\"(\\d+)\" cx=\"([\\d.]+)\" cy=\"([\\d.]+)\"");

  @Test
  void aTimelineHasOneLinkedPointPerValueScaledToTheRoundedUpMaximum() {
    List<SvgChart.Point> points = List.of(new SvgChart.Point(1000, 0), new SvgChart.Point(2000, 40),
        new SvgChart.Point(3000, 80));
    String svg = SvgChart.timeline("t", points, Html::duration, "batch?time=");

    Matcher m = CIRCLE.matcher(svg);
    List<double[]> xy = new java.util.ArrayList<>();
    while (m.find()) {
      assertEquals(m.group(1), m.group(2), "the link and the point name the same batch");
      xy.add(new double[] {Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
    }
    assertEquals(3, xy.size(), svg);
    double left = SvgChart.LEFT;
    double right = SvgChart.WIDTH - SvgChart.RIGHT;
    double bottom = SvgChart.HEIGHT - SvgChart.BOTTOM;
    double top = SvgChart.TOP;
    // 80 rounds up to 100, so 80 sits at 80 % of the height and 40 at 40 %.
    assertEquals(left, xy.get(0)[0], 0.05);
    assertEquals((left + right) / 2, xy.get(1)[0], 0.05);
    assertEquals(right, xy.get(2)[0], 0.05);
    assertEquals(bottom, xy.get(0)[1], 0.05);
    assertEquals(bottom - 0.4 * (bottom - top), xy.get(1)[1], 0.05);
    assertEquals(bottom - 0.8 * (bottom - top), xy.get(2)[1], 0.05);
    assertTrue(svg.contains("<title>1970-01-01T00:00:02Z: 40 ms</title>"), svg);
    assertTrue(svg.contains(">100 ms</text>"), "the y axis' top label: " + svg);
  }

  @Test
  void oneBatchIsCentredAndNoBatchesSaySo() {
    String one = SvgChart.timeline("t", List.of(new SvgChart.Point(5000, 3)), Html::rate, null);
    assertTrue(one.contains("cx=\"" + String.format(java.util.Locale.ROOT, "%.1f",
        SvgChart.LEFT + (SvgChart.WIDTH - SvgChart.LEFT - SvgChart.RIGHT) / 2.0) + "\""), one);
    assertFalse(one.contains("<a "), "no links without a prefix");

    String none = SvgChart.timeline("t", List.of(), Html::rate, "batch?time=");
    assertFalse(none.contains("<circle"), none);
    assertTrue(none.contains("No completed batches yet"), none);
    assertTrue(SvgChart.histogram("h", List.of(), Html::rate).contains("No completed batches yet"));
  }

  @Test
  void aHistogramCountsValuesIntoTenBins() {
    // Max 9 rounds up to 10: bins of width 1; 9.0 and 10-epsilon fall into the last one.
    String svg = SvgChart.histogram("h", List.of(0.0, 0.5, 3.2, 9.0, 9.0), Html::duration);
    List<Integer> counts = Pattern.compile("data-count=\"(\\d+)\"").matcher(svg).results()
        .map(r -> Integer.parseInt(r.group(1))).toList();
    assertEquals(List.of(2, 0, 0, 1, 0, 0, 0, 0, 0, 2), counts, svg);
    assertTrue(svg.contains("<title>9 ms to 10 ms: 2 batches</title>"), svg);
  }

  @Test
  void roundsUpToOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(1, SvgChart.roundUp(0));
    assertEquals(1, SvgChart.roundUp(0.7), 1e-9);
    assertEquals(2, SvgChart.roundUp(1.5), 1e-9);
    assertEquals(50, SvgChart.roundUp(21), 1e-9);
    assertEquals(1000, SvgChart.roundUp(1000), 1e-9);
    assertEquals(0.5, SvgChart.roundUp(0.31), 1e-9);
  }

  @Test
  void textIsEscapedInTooltipsAndIds() {
    String svg = SvgChart.sparkline("r<1>", List.of(new SvgChart.Point(1000, 1)), v -> "<script>x</script>");
    assertFalse(svg.contains("<script>"), svg);
    assertTrue(svg.contains("&lt;script&gt;"), svg);
    assertTrue(svg.contains("id=\"r&lt;1&gt;\""), svg);
  }
}
