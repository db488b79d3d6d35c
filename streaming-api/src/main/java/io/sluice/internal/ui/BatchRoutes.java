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
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  /** What to send back. */
  record Response(int status, String contentType, String body) {}

  private BatchRoutes() {}

  static boolean isPage(String path) {
    return path.equals("/batch") || path.equals("/streaming/batch");
  }

  /** @param query the raw query string, or null */
  static Response page(ApplicationInfo app, StreamingUiListener streaming, String path, String query) {
    String base = path.startsWith("/streaming/") ? "../" : "";
    Optional<Long> time = time(queryParameter(query, "time"));
    if (time.isEmpty()) {
      return new Response(400, HTML, BatchPage.notRetained(app, "Give a batch time in ms: batch?time=<ms>."));
    }
    Optional<BatchDetail> detail = streaming == null ? Optional.empty() : streaming.batch(time.get());
    if (detail.isEmpty()) {
      return new Response(404, HTML, BatchPage.notRetained(app, "No batch at " + time.get()
          + " ms is retained (only the most recent completed batches are)."));
    }
    return new Response(200, HTML, BatchPage.render(app, detail.get(), streamNames(streaming), base));
  }

  /** For a path under {@link #API_PREFIX}. */
  static Response json(StreamingUiListener streaming, String path) {
    String rest = path.substring(API_PREFIX.length());
    boolean operations = rest.endsWith("/operations");
    Optional<Long> time = time(operations ? rest.substring(0, rest.length() - "/operations".length()) : rest);
    Optional<BatchDetail> detail = time.flatMap(t -> streaming == null ? Optional.empty() : streaming.batch(t));
    if (detail.isEmpty()) {
      return new Response(404, TEXT, "No retained batch: " + path + "\n");
    }
    return new Response(200, JSON, operations ? ApiJson.operations(detail.get()) : ApiJson.batch(detail.get()));
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

  /** Our parameters are plain digits, so no percent-decoding is needed. */
  private static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }
}
