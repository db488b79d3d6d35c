package io.sluice.client.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.WebConnectionWrapper;

/**
 * A headless browser (HtmlUnit, JavaScript on) for the driver UI behind the ResourceManager's proxy.
 * Script errors and failing status codes throw; every request and its status is recorded, so a test
 * can check that nothing was fetched from outside the proxy path. The page's meta refresh is ignored
 * so the page under test stays put.
 */
final class ProxiedUiBrowser implements AutoCloseable {
  private static final Pattern COMPLETED_BATCH = Pattern.compile("\\{\"batchTime\":(\\d+),[^{}]*\"status\":\"completed\"");

  private final WebClient browser = new WebClient(BrowserVersion.FIREFOX);
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> scriptErrors = Collections.synchronizedList(new ArrayList<>());

  ProxiedUiBrowser() {
    browser.getOptions().setJavaScriptEnabled(true);
    browser.getOptions().setCssEnabled(true);
    browser.getOptions().setThrowExceptionOnScriptError(true);
    browser.getOptions().setThrowExceptionOnFailingStatusCode(true);
    browser.getOptions().setTimeout(30_000);
    browser.setRefreshHandler((page, url, seconds) -> { });
    browser.setJavaScriptErrorListener(new org.htmlunit.javascript.SilentJavaScriptErrorListener() {
      @Override
      public void scriptException(HtmlPage page, org.htmlunit.ScriptException error) {
        scriptErrors.add(error.getMessage());
      }
    });
    new WebConnectionWrapper(browser) {
      @Override
      public WebResponse getResponse(WebRequest request) throws IOException {
        WebResponse response = super.getResponse(request);
        requests.add(response.getStatusCode() + " " + request.getUrl());
        return response;
      }
    };
  }

  HtmlPage open(String url) throws IOException {
    return browser.getPage(url);
  }

  /** "status url" of every request so far. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  List<String> scriptErrors() {
    return List.copyOf(scriptErrors);
  }

  /** The batch times of a chart's points (its circles carry them in data-time). */
  static Set<Long> pointTimes(HtmlPage page, String chartId) {
    Set<Long> times = new TreeSet<>();
    // SVG elements are in the SVG namespace, which HtmlUnit's getElementsByTagName does not search.
    for (DomNode node : page.getElementById(chartId).getDescendants()) {
      if (node instanceof DomElement e && e.getLocalName().equals("circle")) {
        times.add(Long.parseLong(e.getAttribute("data-time")));
      }
    }
    return times;
  }

  /** The completed batches' times in the JSON of /api/v1/streaming/batches. */
  static NavigableSet<Long> completedBatchTimes(String batchesJson) {
    NavigableSet<Long> times = new TreeSet<>();
    COMPLETED_BATCH.matcher(batchesJson).results().forEach(m -> times.add(Long.parseLong(m.group(1))));
    return times;
  }

  @Override
  public void close() {
    browser.close();
  }
}
