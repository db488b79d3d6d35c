package io.sluice.internal.ui;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers the per-batch requests: the page {@code batch?time=<ms>} (at "/" and "/streaming/") and the
 * JSON {@code /api/v1/streaming/batches/<ms>} and {@code .../<ms>/operations}. Only retained batches
 * have details; others answer 404.
 */
final class BatchRoutes {
  static final String API_PREFIX = "/api/v1/streaming/batches/";

  private BatchRoutes() {}

  static boolean isPage(String path) {
    return path.equals("/batch") || path.equals("/streaming/batch");
  }

  static UiResponse page(ApplicationInfo app, Optional<StreamingUiListener> streaming, UiRequest request) {
    String base = request.path().startsWith("/streaming/") ? "../" : "";
    Optional<Long> time = time(request.param("time").orElse(null));
    if (time.isEmpty()) {
      return new UiResponse(400, UiResponse.HTML, BatchPage.notRetained(app, "Give a batch time in ms: batch?time=<ms>."));
    }
    Optional<BatchDetail> detail = streaming.flatMap(s -> s.batch(time.get()));
    if (detail.isEmpty()) {
      return new UiResponse(404, UiResponse.HTML, BatchPage.notRetained(app, "No batch at " + time.get()
          + " ms is retained (only the most recent completed batches are)."));
    }
    return UiResponse.html(BatchPage.render(app, detail.get(), streamNames(streaming.get()), base));
  }

  /** For a path under {@link #API_PREFIX}. */
  static UiResponse json(Optional<StreamingUiListener> streaming, String path) {
    String rest = path.substring(API_PREFIX.length());
    boolean operations = rest.endsWith("/operations");
    Optional<Long> time = time(operations ? rest.substring(0, rest.length() - "/operations".length()) : rest);
    Optional<BatchDetail> detail = time.flatMap(t -> streaming.flatMap(s -> s.batch(t)));
    if (detail.isEmpty()) {
      return new UiResponse(404, UiResponse.TEXT, "No retained batch: " + path + "\n");
    }
    return UiResponse.json(operations ? ApiJson.operations(detail.get()) : ApiJson.batch(detail.get()));
  }

  private static Map<Integer, String> streamNames(StreamingUiListener streaming) {
    Map<Integer, String> names = new TreeMap<>();
    streaming.snapshot().receivers().forEach(r -> names.put(r.info().streamId(), r.info().name()));
    return names;
  }

  private static Optional<Long> time(String text) {
    if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(text));
  }
}
