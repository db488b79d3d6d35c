package io.sluice.internal.streaming.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Reads UTF-8 text and hands it on, undecoded, as runs of whole lines: after each read, everything
 * up to the last '\n' read so far; the rest waits for the next read. A last line without '\n' at
 * the end of the stream is handed on with one added. Lines longer than the buffer grow it.
 */
final class LineChunks {
  static final int BUFFER_BYTES = 64 * 1024;

  /** Takes {@code bytes[from, to)}: whole lines, each ending with '\n'; the array is reused after. */
  interface Sink {
    void lines(byte[] bytes, int from, int to);
  }

  private LineChunks() {}

  /**
   * Reads until the end of the stream, handing lines to {@code sink} as they complete; stops early,
   * dropping an incomplete line, once {@code keepGoing} says so (checked after every read).
   */
  static void pump(InputStream in, Sink sink, BooleanSupplier keepGoing) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    int filled = 0;
    while (keepGoing.getAsBoolean()) {
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        if (filled > 0) {
          buffer = filled == buffer.length ? Arrays.copyOf(buffer, filled + 1) : buffer;
          buffer[filled] = '\n';
          sink.lines(buffer, 0, filled + 1);
        }
        return;
      }
      int end = filled + read;
      int lastNewline = lastNewline(buffer, filled, end);
      if (lastNewline < 0) {
        filled = end;
        if (filled == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        continue;
      }
      sink.lines(buffer, 0, lastNewline + 1);
      filled = end - (lastNewline + 1);
      System.arraycopy(buffer, lastNewline + 1, buffer, 0, filled);
    }
  }

  private static int lastNewline(byte[] bytes, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
