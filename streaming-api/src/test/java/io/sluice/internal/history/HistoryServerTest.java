package io.sluice.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.StorageLevel;
import io.sluice.internal.eventlog.JsonParser;
import io.sluice.streaming.Durations;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real local[2] streaming run writes its event log to the local file system; the history server
 * replays it and must serve the same batches, receivers and statistics as the driver's live UI did,
 * first while the application runs, then after it ended.
 */
class HistoryServerTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final List<String> STREAMING_JSON = List.of("api/v1/streaming/batches", "api/v1/streaming/receivers",
      "api/v1/streaming/statistics", "api/v1/executors");

  @TempDir
  Path logDir;

  /** Stores three records as one block, then reports an error; stores nothing more. */
  static final class ThreeAndAnError extends Receiver<String> {
    private static final long serialVersionUID = 1L;

    ThreeAndAnError() {
      super(StorageLevel.MEMORY_ONLY);
    }

    @Override
    public void onStart() {
      Thread t = new Thread(() -> {
        store(List.of("a", "b", "c"));
        reportError("source <flaky> & slow", null);
      }, "three-and-an-error");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void onStop() {}
  }

  @Test
  void servesTheSameBatchesAsTheLiveUiWhileRunningAndAfterTheEnd() throws Exception {
    SluiceConf conf = ManualStreaming.conf("local[2]").setAppName("history <app>")
        .set("sluice.ui.enabled", "true").set("sluice.ui.port", "0").set("sluice.driver.host", "127.0.0.1")
        .set("sluice.eventLog.enabled", "true").set("sluice.eventLog.dir", logDir.toUri().toString())
        .set("sluice.eventLog.flushInterval", "50ms").set("sluice.eventLog.rolling.maxFileSize", "2k");
    HistoryServer history = new HistoryServer(new Configuration(), logDir.toUri().toString(), 0);
    String historyUrl = "http://127.0.0.1:" + history.port() + "/";
    ManualStreaming t = new ManualStreaming(conf, Durations.seconds(1));
    try {
      t.ssc().receiverStream(new ThreeAndAnError()).foreachRDD((rdd, time) -> {
        if (time.milliseconds() == 2000) {
          throw new IllegalStateException("batch two \"fails\"");
        }
        rdd.count();
      });
      t.start();
      Eventually.await("the receiver's error", 20_000, () -> body(t.ssc().sluiceContext().uiWebUrl().orElseThrow(),
          "api/v1/streaming/receivers").contains("flaky"));
      t.runBatches(3);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      String liveUrl = t.ssc().sluiceContext().uiWebUrl().orElseThrow();

      Map<String, Object> running = onlyApplication(historyUrl);
      String appId = (String) running.get("id");
      assertTrue(appId.startsWith("local-"), appId);
      assertEquals(false, running.get("completed"));
      assertEquals("history <app>", running.get("name"));
      String appUrl = historyUrl + "history/" + appId + "/";
      for (String path : STREAMING_JSON) {
        String live = body(liveUrl, path);
        Eventually.await(path + " of the running application as the live UI shows it", 20_000,
            () -> live.equals(body(appUrl, path)), () -> "live " + live + "\nhistory " + body(appUrl, path));
      }
      String liveBatches = body(liveUrl, "api/v1/streaming/batches");
      assertEquals(3, batchTimes(liveBatches).size(), liveBatches);
      assertTrue(liveBatches.contains("batch two \\\"fails\\\""), liveBatches);
      assertTrue(body(historyUrl, "").contains("<td>in progress</td>"));

      t.close();
      Eventually.await("the application's end", 20_000, () -> Boolean.TRUE.equals(onlyApplication(historyUrl)
          .get("completed")));
      assertEquals(liveBatches, body(appUrl, "api/v1/streaming/batches"), "the finished application's batches");
      assertTrue(onlyApplication(historyUrl).get("endTime") instanceof Long);
      String list = body(historyUrl, "");
      assertTrue(list.contains("<a href=\"history/" + appId + "/\">" + appId + "</a>"), list);
      assertTrue(list.contains("<td>history &lt;app&gt;</td>") && list.contains("<td>completed</td>"), list);

      String page = body(appUrl, "");
      assertTrue(page.contains("<title>Sluice Streaming \u2014 history &lt;app&gt;</title>"), page);
      assertTrue(page.contains("<td><a href=\"batch?time=1000\">1970-01-01T00:00:01Z</a></td><td class=\"n\">3</td>"),
          page);
      assertTrue(page.contains("<td class=\"n failed\" title=\"" ), page);
      assertTrue(page.contains("<dt>Batches completed</dt><dd>3</dd>"), page);
      assertTrue(page.contains("href=\"api/v1/streaming/batches\""), page);
      // A batch's own page, rebuilt from the logged output-operation events, with its failure.
      String batchPage = body(appUrl, "batch?time=2000");
      assertTrue(batchPage.contains("batch two &quot;fails&quot;"), batchPage);
      // Every page of the application links back to the list, relatively.
      assertTrue(page.contains("<a href=\"../../\">All applications</a>"), page);
      assertTrue(batchPage.contains("<a href=\"../../\">All applications</a>"), batchPage);
      assertEquals(list, body(URI.create(appUrl).resolve("../../").toString(), ""), "the link leads to the list");
      assertFalse(Pattern.compile("(href|src)=\"(/|https?:)").matcher(page).find(), "relative links only");
      // Reached without the trailing slash, the links must still lead into the application.
      String withoutSlash = body(historyUrl + "history/", appId);
      assertTrue(withoutSlash.contains("href=\"" + appId + "/api/v1/streaming/batches\""));
      assertTrue(withoutSlash.contains("<a href=\"../\">All applications</a>"), withoutSlash);
      assertEquals(404, get(historyUrl + "history/no-such-app/").statusCode());

      try (Stream<Path> files = Files.list(logDir.resolve(appId))) {
        assertTrue(files.count() >= 2, "2k files roll: " + logDir.resolve(appId));
      }
    } finally {
      t.close();
      history.stop();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyApplication(String historyUrl) {
    List<Object> apps = (List<Object>) JsonParser.parse(body(historyUrl, "api/v1/applications"));
    assertEquals(1, apps.size(), apps.toString());
    return (Map<String, Object>) apps.get(0);
  }

  private static List<String> batchTimes(String batchesJson) {
    Matcher m = Pattern.compile("\"batchTime\":(\\d+),").matcher(batchesJson);
    return m.results().map(r -> r.group(1)).toList();
  }

  private static HttpResponse<String> get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String body(String base, String path) {
    HttpResponse<String> response = get(base + path);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + base + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
