package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The driver UI of a SluiceContext without streaming: serving, links, errors, ports, turning it off. */
class DriverUiTest {

  private static SluiceConf conf(String appName) {
    return UiHttp.withUi(new SluiceConf(false).setMaster("local[2]").setAppName(appName));
  }

  @Test
  void servesThePageAndJsonWithoutAStreamingContext() {
    try (SluiceContext sc = new SluiceContext(conf("<b>batch</b> & 'co'"))) {
      String url = sc.uiWebUrl().orElseThrow();
      assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/"), url);

      HttpResponse<String> page = UiHttp.get(url, "");
      assertEquals(200, page.statusCode());
      assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
      String html = page.body();
      assertTrue(html.contains("<title>Sluice Streaming \u2014 &lt;b&gt;batch&lt;/b&gt; &amp; &#39;co&#39;</title>"),
          html);
      assertFalse(html.contains("<b>batch</b>"), "user strings are escaped");
      assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"5\">"));
      assertTrue(html.contains("<td>driver</td><td>in-process</td>"), html);
      assertTrue(html.contains("No StreamingContext"), html);
      assertNoAbsoluteLinks(html);
      assertTrue(html.contains("href=\"api/v1/streaming/batches\""), html);

      HttpResponse<String> app = UiHttp.get(url, "api/v1/application");
      assertEquals("application/json; charset=utf-8", app.headers().firstValue("Content-Type").orElse(""));
      assertTrue(app.body().startsWith("{\"appName\":\"<b>batch</b> & 'co'\",\"master\":\"local[2]\",\"startTime\":"),
          app.body());
      assertTrue(app.body().endsWith("\"webUrl\":\"" + url + "\",\"streaming\":false}"), app.body());
      assertEquals("[{\"id\":\"driver\",\"address\":\"in-process\"}]", UiHttp.body(url, "api/v1/executors"));
      assertEquals("{\"streaming\":false}", UiHttp.body(url, "api/v1/streaming/statistics"));
      assertEquals("[]", UiHttp.body(url, "api/v1/streaming/batches"));
      assertEquals("[]", UiHttp.body(url, "api/v1/streaming/receivers"));
    }
  }

  @Test
  void theStreamingPathServesThePageWithLinksBackToTheRoot() {
    try (SluiceContext sc = new SluiceContext(conf("paths"))) {
      String html = UiHttp.body(sc.uiWebUrl().orElseThrow(), "streaming/");
      assertTrue(html.contains("href=\"../api/v1/streaming/batches\""), html);
      assertNoAbsoluteLinks(html);
    }
  }

  @Test
  void unknownPathsAnswer404NamingThePathAndOtherMethods405() throws Exception {
    try (SluiceContext sc = new SluiceContext(conf("errors"))) {
      String url = sc.uiWebUrl().orElseThrow();
      HttpResponse<String> missing = UiHttp.get(url, "api/v1/nothing-here");
      assertEquals(404, missing.statusCode());
      assertTrue(missing.body().contains("/api/v1/nothing-here"), missing.body());
      assertEquals(404, UiHttp.get(url, "proxy/application_1_0001/").statusCode(), "no prefix handling on the server");

      HttpRequest post = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("x")).build();
      HttpResponse<String> answer = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
      assertEquals(405, answer.statusCode());
    }
  }

  @Test
  void aTakenPortIsSkippedForTheNextOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      SluiceConf conf = conf("retry").set("sluice.ui.port", String.valueOf(port)).set("sluice.ui.port.maxRetries", "16");
      try (SluiceContext sc = new SluiceContext(conf)) {
        int bound = Internals.context().ui(sc).orElseThrow().port();
        assertTrue(bound > port && bound <= port + 16, "bound " + bound + " after taken " + port);
        assertEquals("http://127.0.0.1:" + bound + "/", sc.uiWebUrl().orElseThrow());
        assertEquals(200, UiHttp.get(sc.uiWebUrl().orElseThrow(), "").statusCode());
      }
    }
  }

  @Test
  void noFreePortFailsNamingTheKeyAndLeavesNoContextBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      SluiceConf conf = conf("no-port").set("sluice.ui.port", String.valueOf(taken.getLocalPort()))
          .set("sluice.ui.port.maxRetries", "0");
      SluiceException e = assertThrows(SluiceException.class, () -> new SluiceContext(conf));
      assertTrue(e.getMessage().contains("sluice.ui.port") && e.getMessage().contains(taken.getLocalPort() + ""),
          e.getMessage());
      assertTrue(SluiceContext.active().isEmpty());
    }
  }

  @Test
  void disabledMeansNoUrlAndNoServer() {
    try (SluiceContext sc = new SluiceContext(new SluiceConf(false).setMaster("local[1]").setAppName("off")
        .set("sluice.ui.enabled", "false"))) {
      assertTrue(sc.uiWebUrl().isEmpty());
      assertTrue(Internals.context().ui(sc).isEmpty());
    }
  }

  @Test
  void serverThreadsAreDaemonsSoAForgottenContextDoesNotKeepTheJvmAlive() {
    try (SluiceContext sc = new SluiceContext(conf("daemons"))) {
      UiHttp.body(sc.uiWebUrl().orElseThrow(), "api/v1/executors");
      // "HTTP-Dispatcher" is the JDK server's own thread; "sluice-ui-*" are our handler threads.
      var serverThreads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("HTTP-Dispatcher") || t.getName().startsWith("sluice-ui-")).toList();
      assertFalse(serverThreads.isEmpty());
      assertTrue(serverThreads.stream().allMatch(Thread::isDaemon), serverThreads.toString());
    }
  }

  @Test
  void stoppingTheContextClosesThePort() throws Exception {
    String url;
    int port;
    try (SluiceContext sc = new SluiceContext(conf("stop"))) {
      url = sc.uiWebUrl().orElseThrow();
      port = Internals.context().ui(sc).orElseThrow().port();
    }
    try (ServerSocket again = new ServerSocket(port)) {
      assertEquals(port, again.getLocalPort(), url + " was released");
    }
  }

  static void assertNoAbsoluteLinks(String html) {
    for (String absolute : new String[] {"href=\"/", "src=\"/", "action=\"/", "href=\"http", "src=\"http"}) {
      assertFalse(html.contains(absolute), "the page must work under the YARN proxy's prefix: " + absolute);
    }
  }
}
