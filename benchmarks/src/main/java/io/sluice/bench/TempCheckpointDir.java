package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh temporary checkpoint directory, deleted with all its contents on {@link #close}, or when
 * the JVM exits first (a benchmark interrupted with Ctrl-C).
 */
final class TempCheckpointDir implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TempCheckpointDir.class);

  private final Path path;
  private final Thread deleteOnExit;

  TempCheckpointDir(String prefix) throws IOException {
    this.path = Files.createTempDirectory(prefix);
    this.deleteOnExit = new Thread(this::delete, "bench-delete-" + path.getFileName());
    Runtime.getRuntime().addShutdownHook(deleteOnExit);
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(deleteOnExit);
    } catch (IllegalStateException e) {
      return; // the JVM is exiting: the hook deletes the directory
    }
    delete();
  }

  private void delete() {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : deepestFirst) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not delete checkpoint directory {}: {}", path, e.toString());
    }
  }
}
