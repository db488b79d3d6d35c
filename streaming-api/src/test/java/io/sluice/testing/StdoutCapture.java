package io.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Redirects {@code System.out} (for every thread) into a buffer until closed; closing restores the
 * previous stream. Use in try-with-resources so a failing test still restores it.
 */
public final class StdoutCapture implements AutoCloseable {
  private final PrintStream original = System.out;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private StdoutCapture() {
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  public static StdoutCapture start() {
    return new StdoutCapture();
  }

  /** What was printed so far. */
  public String text() {
    System.out.flush();
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.out.flush();
    System.setOut(original);
  }
}
