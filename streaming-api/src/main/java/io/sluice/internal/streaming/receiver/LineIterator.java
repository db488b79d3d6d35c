package io.sluice.internal.streaming.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a UTF-8 stream, split on '\n' only, a trailing '\r' removed ("\r\n" endings). A
 * last line without a newline is returned too. Scans a large char buffer directly, without
 * per-line copies beyond the String itself; lines longer than the buffer are stitched together.
 */
final class LineIterator implements Iterator<String> {
  private static final int BUFFER_CHARS = 64 * 1024;

  private final Reader reader;
  private final char[] chars = new char[BUFFER_CHARS];
  private final StringBuilder partial = new StringBuilder();
  private int pos;
  private int limit;
  private boolean endOfStream;
  private String next;

  LineIterator(InputStream in) {
    this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !endOfStream) {
      next = readLine();
    }
    return next != null;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String line = next;
    next = null;
    return line;
  }

  private String readLine() {
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (chars[i] == '\n') {
          String line = partial.length() == 0 ? fromBuffer(pos, i) : fromPartial(i);
          pos = i + 1;
          return line;
        }
      }
      partial.append(chars, pos, limit - pos);
      pos = 0;
      limit = fill();
      if (limit < 0) {
        endOfStream = true;
        limit = 0;
        return partial.length() == 0 ? null : fromPartial(0);
      }
    }
  }

  private String fromBuffer(int start, int end) {
    int stop = end > start && chars[end - 1] == '\r' ? end - 1 : end;
    return new String(chars, start, stop - start);
  }

  private String fromPartial(int end) {
    partial.append(chars, pos, end - pos);
    int length = partial.length();
    if (length > 0 && partial.charAt(length - 1) == '\r') {
      partial.setLength(length - 1);
    }
    String line = partial.toString();
    partial.setLength(0);
    return line;
  }

  private int fill() {
    try {
      return reader.read(chars, 0, chars.length);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read lines: " + e.getMessage(), e);
    }
  }
}
