package io.sluice.internal.ui;

import java.util.Map;
import java.util.Optional;

/**
 * The one list of an application UI's pages and JSON documents, shared by the driver's UI and the
 * history server. Paths are relative to the application's UI root ("/" on the driver,
 * "/history/&lt;appId&gt;/" on the history server), so every link it writes is relative.
 */
public final class UiRoutes {
  private UiRoutes() {}

  /**
   * Answers a path ("/", "/streaming/", "batch?time=", "/api/v1/...") from one consistent read of
   * {@code source}.
   */
  public static UiResponse answer(UiRequest request, AppUiSource source) {
    String path = request.path();
    Optional<StreamingSnapshot> snapshot = source.streaming().map(StreamingUiListener::snapshot);
    Map<String, String> executors = source.executors();
    ApplicationInfo app = source.app();
    return switch (path) {
      case "/", "/streaming" -> UiResponse.html(StreamingPage.render(app, executors, snapshot, ""));
      case "/streaming/" -> UiResponse.html(StreamingPage.render(app, executors, snapshot, "../"));
      case "/api/v1/application" -> UiResponse.json(ApiJson.application(app, source.webUrl(), snapshot.isPresent()));
      case "/api/v1/executors" -> UiResponse.json(ApiJson.executors(executors));
      case "/api/v1/streaming/statistics" -> UiResponse.json(ApiJson.statistics(snapshot));
      case "/api/v1/streaming/batches" -> UiResponse.json(ApiJson.batches(snapshot));
      case "/api/v1/streaming/receivers" -> UiResponse.json(ApiJson.receivers(snapshot));
      default -> {
        if (BatchRoutes.isPage(path)) {
          yield BatchRoutes.page(app, source.streaming(), request);
        } else if (path.startsWith(BatchRoutes.API_PREFIX)) {
          yield BatchRoutes.json(source.streaming(), path);
        }
        yield UiResponse.notFound(path);
      }
    };
  }

  /**
   * The application's page for a root reached without its trailing slash (e.g. "/history/app-1"),
   * where relative links must start with {@code base} ("app-1/") to stay inside the application.
   */
  public static UiResponse pageAt(AppUiSource source, String base) {
    return UiResponse.html(StreamingPage.render(source.app(), source.executors(),
        source.streaming().map(StreamingUiListener::snapshot), base));
  }
}
