package io.sluice.internal.ui;

/** One HTTP answer of a UI: status, content type and the whole body. */
public record UiResponse(int status, String contentType, String body) {
  static final String JSON = "application/json; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  public static UiResponse html(String body) {
    return new UiResponse(200, HTML, body);
  }

  public static UiResponse json(String body) {
    return new UiResponse(200, JSON, body);
  }

  public static UiResponse notFound(String path) {
    return new UiResponse(404, TEXT, "Not found: " + path + "\n");
  }
}
