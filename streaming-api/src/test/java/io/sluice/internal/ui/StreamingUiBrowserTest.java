package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.streaming.Durations;
import io.sluice.streaming.InputDStream;
import io.sluice.testing.ManualStreaming;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.Test;

/**
 * The streaming page and a batch page in a headless browser with JavaScript on (HtmlUnit), against a
 * local[2] driver's UI: charts with a point per completed batch, links that lead to the batch, our
 * inline script running without errors, and every request staying under the UI's URL.
 */
class StreamingUiBrowserTest {

  @Test
  void chartsHaveAPointPerBatchAndABatchLinkLeadsToItsOperations() throws Exception {
    String appName = "browser <ui>";
    try (ManualStreaming t = new ManualStreaming(UiHttp.withUi(ManualStreaming.conf("local[2]")
        .setAppName(appName)), Durations.seconds(1))) {
      InputDStream<Integer> input = t.queueOf(List.of(List.of(1, 2, 3), List.of(4), List.of(5, 6)), 1);
      input.foreachRDD((rdd, time) -> {
        if (time.milliseconds() == 2000) {
          throw new IllegalStateException("<script>document.title='pwned'</script>");
        }
        rdd.count();
      });
      input.foreachRDD(rdd -> {
        rdd.count();
      });
      t.start();
      t.runBatches(3);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      String url = t.ssc().sluiceContext().uiWebUrl().orElseThrow();
      int completed = count(UiHttp.body(url, "api/v1/streaming/batches"), "\"status\":\"completed\"");
      assertEquals(3, completed);

      List<String> requested = Collections.synchronizedList(new ArrayList<>());
      try (WebClient browser = browser(requested)) {
        HtmlPage page = browser.getPage(url);
        assertEquals("Sluice Streaming \u2014 " + appName, page.getTitleText());
        for (String chart : new String[] {"input-rate", "scheduling-delay", "processing-time", "total-delay"}) {
          assertEquals(completed, points(page, "timeline-" + chart).size(), chart);
        }
        // The script highlights a batch's row while the pointer is on its point.
        DomElement point = points(page, "timeline-input-rate").get(0);
        point.mouseOver();
        DomElement row = page.getElementById("batch-" + point.getAttribute("data-time"));
        assertTrue(row.getAttribute("class").contains("hl"), row.asXml());

        HtmlAnchor link = page.getAnchorByHref("batch?time=2000");
        HtmlPage batch = link.click();
        assertEquals(url + "batch?time=2000", batch.getUrl().toString());
        DomElement operations = batch.getElementById("operations");
        assertEquals(2, operations.getElementsByTagName("tr").size() - 1, operations.asXml());
        String text = operations.asNormalizedText();
        assertTrue(text.contains("<script>document.title='pwned'</script>"), "shown as text: " + text);
        assertTrue(batch.getTitleText().startsWith("Batch 1970-01-01T00:00:02Z"), batch.getTitleText());
        HtmlPage back = batch.getAnchorByHref("./").click();
        assertEquals(url, back.getUrl().toString());
      }
      assertTrue(requested.stream().allMatch(r -> r.startsWith(url)), "requests outside the UI: " + requested);

      // The charts are drawn by the server: without JavaScript the page shows the same points.
      try (WebClient noScript = browser(requested)) {
        noScript.getOptions().setJavaScriptEnabled(false);
        HtmlPage page = noScript.getPage(url);
        assertEquals(completed, points(page, "timeline-total-delay").size());
        int counted = svgElements(page, "histogram-total-delay", "rect").stream()
            .mapToInt(bar -> Integer.parseInt(bar.getAttribute("data-count"))).sum();
        assertEquals(completed, counted, "the histogram's bars count every batch once");
      }
    }
  }

  /**
   * JavaScript on; script errors and failing status codes throw; the page's 5 s meta refresh is
   * ignored so the page under test stays put; every requested URL is recorded.
   */
  static WebClient browser(List<String> requested) {
    WebClient browser = new WebClient(BrowserVersion.FIREFOX);
    browser.getOptions().setJavaScriptEnabled(true);
    browser.getOptions().setCssEnabled(true);
    browser.getOptions().setThrowExceptionOnScriptError(true);
    browser.getOptions().setThrowExceptionOnFailingStatusCode(true);
    browser.getOptions().setTimeout(30_000);
    browser.setRefreshHandler((page, url, seconds) -> { });
    new WebConnectionWrapper(browser) {
      @Override
      public WebResponse getResponse(WebRequest request) throws IOException {
        requested.add(request.getUrl().toString());
        return super.getResponse(request);
      }
    };
    return browser;
  }

  private static List<DomElement> points(HtmlPage page, String chartId) {
    return svgElements(page, chartId, "circle");
  }

  private static List<DomElement> svgElements(HtmlPage page, String chartId, String name) {
    // SVG elements live in the SVG namespace, which HtmlUnit's getElementsByTagName does not search.
    List<DomElement> points = new ArrayList<>();
    for (DomNode node : page.getElementById(chartId).getDescendants()) {
      if (node instanceof DomElement e && e.getLocalName().equals(name)) {
        points.add(e);
      }
    }
    return points;
  }

  private static int count(String text, String part) {
    return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }
}
