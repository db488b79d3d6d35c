package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds one line of JSON: an object whose members keep the order they were put in. Values may be
 * strings, numbers, booleans, {@code null} or nested {@code JsonLine}s. Enough for benchmark
 * results, without a JSON library on the classpath. Not thread-safe.
 */
public final class JsonLine {
  private final Map<String, Object> members = new LinkedHashMap<>();

  public JsonLine put(String name, Object value) {
    if (value != null && !(value instanceof String || value instanceof Number
        || value instanceof Boolean || value instanceof JsonLine)) {
      throw new IllegalArgumentException("unsupported JSON value for " + name + ": " + value.getClass());
    }
    members.put(name, value);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    members.forEach((name, value) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      appendString(out, name);
      out.append(':');
      appendValue(out, value);
    });
    return out.append('}').toString();
  }

  private static void appendValue(StringBuilder out, Object value) {
    if (value instanceof String s) {
      appendString(out, s);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      // JSON has no NaN or infinity; one decimal is all a rate needs.
      out.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f", d) : "null");
    } else {
      out.append(value); // null, Boolean, integral Number or nested JsonLine
    }
  }

  private static void appendString(StringBuilder out, String s) {
    io.sluice.internal.util.JsonStrings.append(out, s);
  }
}
