package io.sluice.internal.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that rolls over by size, for output that has no logging framework in between (a driver's
 * {@code print()} on {@code System.out}): when a write would take {@code file} past
 * {@code maxBytes}, it becomes {@code file.1}, {@code file.1} becomes {@code file.2}, and so on;
 * {@code maxFiles} files are kept, the current one included. A single write larger than the limit
 * still goes whole into a fresh file, so no line is split across files. Thread-safe.
 */
public final class RollingFileOutputStream extends OutputStream {
  private final Path file;
  private final long maxBytes;
  private final int maxFiles;
  private OutputStream out;
  private long written;

  public RollingFileOutputStream(Path file, long maxBytes, int maxFiles) throws IOException {
    if (maxBytes <= 0 || maxFiles <= 0) {
      throw new IllegalArgumentException("maxBytes and maxFiles must be positive, got " + maxBytes + ", " + maxFiles);
    }
    this.file = file;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.written = Files.exists(file) ? Files.size(file) : 0;
    this.out = open();
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    if (written > 0 && written + length > maxBytes) {
      roll();
    }
    out.write(bytes, offset, length);
    written += length;
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private void roll() throws IOException {
    out.close();
    Files.deleteIfExists(numbered(maxFiles - 1));
    for (int i = maxFiles - 2; i >= 1; i--) {
      if (Files.exists(numbered(i))) {
        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (maxFiles > 1) {
      Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(file);
    }
    written = 0;
    out = open();
  }

  private Path numbered(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }

  private OutputStream open() throws IOException {
    return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
