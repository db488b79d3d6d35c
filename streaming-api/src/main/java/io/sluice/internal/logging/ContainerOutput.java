package io.sluice.internal.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends {@code System.out} and {@code System.err} of a YARN container's JVM into rolling files
 * {@code stdout} and {@code stderr} of the container's log directory, where {@code yarn logs} and the
 * NodeManager's UI find them: a streaming driver that calls {@code print()} every second for months
 * would otherwise grow one unbounded file. The container's launch command names the log directory
 * and the limits as system properties; without {@value #LOG_DIR_PROPERTY} (local modes) nothing
 * changes.
 */
public final class ContainerOutput {
  /** The container's log directory. */
  public static final String LOG_DIR_PROPERTY = "sluice.log.dir";
  /** Size in MiB at which the files roll. */
  public static final String MAX_SIZE_MB_PROPERTY = "sluice.log.maxSizeMb";
  /** Files kept of each, the current one included. */
  public static final String MAX_FILES_PROPERTY = "sluice.log.maxFiles";

  private ContainerOutput() {}

  /** Installs the rolling streams when this JVM runs in a container; call first thing in main. */
  public static void installIfInContainer() {
    String dir = System.getProperty(LOG_DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      return;
    }
    long maxBytes = Long.getLong(MAX_SIZE_MB_PROPERTY, 64L) * 1024 * 1024;
    int maxFiles = Integer.getInteger(MAX_FILES_PROPERTY, 5);
    try {
      Path logDir = Files.createDirectories(Path.of(dir));
      System.setOut(rolling(logDir.resolve("stdout"), maxBytes, maxFiles));
      System.setErr(rolling(logDir.resolve("stderr"), maxBytes, maxFiles));
    } catch (IOException | RuntimeException e) {
      System.err.println("Cannot send stdout and stderr to rolling files in " + dir + ": " + e);
    }
  }

  private static PrintStream rolling(Path file, long maxBytes, int maxFiles) throws IOException {
    return new PrintStream(new RollingFileOutputStream(file, maxBytes, maxFiles), true, Charset.defaultCharset());
  }
}
