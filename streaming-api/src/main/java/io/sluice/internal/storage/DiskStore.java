package io.sluice.internal.storage;

import io.sluice.core.SluiceException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Blocks as files in one scratch directory owned by this block manager; removed on close. */
final class DiskStore implements AutoCloseable {
  private final File dir;

  DiskStore(File parent, String executorId) {
    try {
      Files.createDirectories(parent.toPath());
      this.dir = Files.createTempDirectory(parent.toPath(), "sluice-blocks-" + executorId + "-").toFile();
    } catch (IOException e) {
      throw new SluiceException("Cannot create a block directory under " + parent + " (sluice.local.dir)", e);
    }
  }

  void put(BlockId id, byte[] bytes) {
    File tmp = new File(dir, id.name() + ".tmp");
    try {
      Files.write(tmp.toPath(), bytes);
      Files.move(tmp.toPath(), file(id).toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write block " + id.name() + " to " + dir, e);
    }
  }

  Optional<byte[]> get(BlockId id) {
    File f = file(id);
    try {
      return f.exists() ? Optional.of(Files.readAllBytes(f.toPath())) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read block " + id.name() + " from " + dir, e);
    }
  }

  boolean contains(BlockId id) {
    return file(id).exists();
  }

  long size(BlockId id) {
    return file(id).length();
  }

  boolean remove(BlockId id) {
    return file(id).delete();
  }

  private File file(BlockId id) {
    return new File(dir, id.name());
  }

  @Override
  public void close() {
    try (Stream<java.nio.file.Path> files = Files.walk(dir.toPath())) {
      files.sorted(Comparator.reverseOrder()).map(java.nio.file.Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // Best effort: a leftover scratch directory is harmless and lives under the temp dir.
    }
  }
}
