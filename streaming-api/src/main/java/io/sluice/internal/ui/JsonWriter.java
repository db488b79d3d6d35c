package io.sluice.internal.ui;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON document, value by value: {@code beginObject().name("a").value(1).endObject()}.
 * Commas and string escaping are handled here; nesting mistakes throw IllegalStateException.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private final Deque<Container> open = new ArrayDeque<>();
  private boolean afterName;

  public JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    open.push(new Container(true));
    return this;
  }

  public JsonWriter endObject() {
    return close('}');
  }

  public JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    open.push(new Container(false));
    return this;
  }

  public JsonWriter endArray() {
    return close(']');
  }

  public JsonWriter name(String name) {
    if (afterName || open.isEmpty() || !open.peek().object) {
      throw new IllegalStateException("A name must come first inside an object, or after a value");
    }
    comma();
    string(name);
    out.append(':');
    afterName = true;
    return this;
  }

  public JsonWriter value(String s) {
    beforeValue();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    return this;
  }

  public JsonWriter value(long n) {
    beforeValue();
    out.append(n);
    return this;
  }

  /** NaN and infinities, which JSON cannot express, are written as null. */
  public JsonWriter value(double d) {
    beforeValue();
    out.append(Double.isFinite(d) ? Double.toString(d) : "null");
    return this;
  }

  public JsonWriter value(boolean b) {
    beforeValue();
    out.append(b);
    return this;
  }

  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** The document; fails if a container is still open. */
  public String toJson() {
    if (!open.isEmpty() || afterName) {
      throw new IllegalStateException("Unclosed JSON container");
    }
    return out.toString();
  }

  private JsonWriter close(char bracket) {
    if (open.isEmpty() || afterName || open.peek().object != (bracket == '}')) {
      throw new IllegalStateException("Nothing to close with " + bracket);
    }
    open.pop();
    out.append(bracket);
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
    } else if (!open.isEmpty()) {
      if (open.peek().object) {
        throw new IllegalStateException("A value inside an object needs a name first");
      }
      comma();
    } else if (out.length() > 0) {
      throw new IllegalStateException("A JSON document holds one top-level value");
    }
  }

  private void comma() {
    Container container = open.peek();
    if (container.hasValue) {
      out.append(',');
    }
    container.hasValue = true;
  }

  /** An open object or array; a comma goes before every value (or name) but its first. */
  private static final class Container {
    final boolean object;
    boolean hasValue;

    Container(boolean object) {
      this.object = object;
    }
  }

  private void string(String s) {
    io.sluice.internal.util.JsonStrings.append(out, s);
  }
}
