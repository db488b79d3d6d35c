package io.sluice.internal.ui;

import io.sluice.core.SluiceConf;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP requests to a driver UI over loopback, for the UI's tests. */
final class UiHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private UiHttp() {}

  /** The UI on: any free port, advertised as 127.0.0.1 so the test can reach it by its URL. */
  static SluiceConf withUi(SluiceConf conf) {
    return conf.set("sluice.ui.enabled", "true").set("sluice.ui.port", "0").set("sluice.driver.host", "127.0.0.1");
  }

  /** GETs {@code path} (relative, e.g. "api/v1/executors") under the UI's URL. */
  static HttpResponse<String> get(String webUrl, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(webUrl + path)).timeout(Duration.ofSeconds(10)).build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + webUrl + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The body of a GET that must answer 200. */
  static String body(String webUrl, String path) {
    HttpResponse<String> response = get(webUrl, path);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
