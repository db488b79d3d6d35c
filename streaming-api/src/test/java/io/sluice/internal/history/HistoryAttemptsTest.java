package io.sluice.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YARN application that ran two ApplicationMaster attempts left two logs: the history server
 * serves the latest at /history/&lt;appId&gt;/ (the final tracking URL) and each attempt at
 * /history/&lt;appId&gt;/&lt;attempt&gt;/, and the list links to both.
 */
class HistoryAttemptsTest {
  private static final String APP = "application_1796000000000_0007";

  @TempDir
  Path logDir;

  private void attempt(int n, long startMs) throws Exception {
    Path dir = Files.createDirectories(logDir.resolve(APP + "_" + n));
    Files.writeString(dir.resolve("events-00001.jsonl"),
        "{\"event\":\"ApplicationStart\",\"time\":" + startMs + ",\"appId\":\"" + APP + "\",\"attemptId\":\"" + n
            + "\",\"appName\":\"Twice\",\"master\":\"yarn\",\"user\":\"u\"}\n"
            + "{\"event\":\"ApplicationEnd\",\"time\":" + (startMs + 500) + "}\n");
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return response.body();
  }

  @Test
  void servesTheLatestAttemptAtTheApplicationAndEachAttemptAtItsNumber() throws Exception {
    attempt(1, 1000);
    attempt(2, 5000);
    HistoryServer history = new HistoryServer(new Configuration(), logDir.toUri().toString(), 0);
    try {
      String base = "http://127.0.0.1:" + history.port() + "/";
      assertTrue(get(base + "history/" + APP + "/api/v1/application").contains("\"startTime\":5000"));
      assertTrue(get(base + "history/" + APP + "/1/api/v1/application").contains("\"startTime\":1000"));
      assertTrue(get(base + "history/" + APP + "/2/api/v1/application").contains("\"startTime\":5000"));
      String attemptPage = get(base + "history/" + APP + "/1/");
      assertTrue(attemptPage.contains("<a href=\"../../../\">All applications</a>"), attemptPage);
      assertTrue(get(base + "history/" + APP + "/1").contains("href=\"1/api/v1/streaming/batches\""),
          "reached without the trailing slash, links stay inside the attempt");
      String list = get(base);
      assertTrue(list.contains("<a href=\"history/" + APP + "/1/\">1</a>")
          && list.contains("<a href=\"history/" + APP + "/2/\">2</a>"), list);
      assertTrue(get(base + "api/v1/applications").contains("\"attemptPath\":\"history/" + APP + "/1/\""));
      HttpResponse<String> missing = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(base + "history/" + APP + "/3/")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, missing.statusCode());
    } finally {
      history.stop();
    }
  }
}
