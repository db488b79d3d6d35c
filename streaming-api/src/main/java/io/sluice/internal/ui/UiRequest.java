package io.sluice.internal.ui;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A GET as the routes see it: the path relative to the application's UI root, and the raw query
 * string (null when absent), so pages such as a batch's details can take parameters.
 */
public record UiRequest(String path, String rawQuery) {

  public static UiRequest of(String path) {
    return new UiRequest(path, null);
  }

  /** The same query under another path (the history server strips "/history/&lt;appId&gt;"). */
  public UiRequest withPath(String newPath) {
    return new UiRequest(newPath, rawQuery);
  }

  /** The first value of query parameter {@code name}, decoded. */
  public Optional<String> param(String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
