package io.sluice.testing;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system (checksummed, as {@code file:} URIs get by default) that leaves the
 * permissions of what it creates to the umask. Without Hadoop's native library, every file
 * RawLocalFileSystem creates (and every .crc next to it) costs a forked {@code chmod} process:
 * a test that checkpoints every batch of a manual clock spends most of its time there.
 *
 * <p>For a test's own configuration only, with the cache off so no other test gets this instance:
 * {@link #settings()}.
 */
public final class NoChmodLocalFileSystem extends LocalFileSystem {
  public NoChmodLocalFileSystem() {
    super(new RawLocalFileSystem() {
      @Override
      public void setPermission(Path p, FsPermission permission) {
        // left to the umask
      }
    });
  }

  /** The SluiceConf settings (sluice.hadoop.*) that make {@code file:} paths use this file system. */
  public static java.util.Map<String, String> settings() {
    return java.util.Map.of(
        "sluice.hadoop.fs.file.impl", NoChmodLocalFileSystem.class.getName(),
        "sluice.hadoop.fs.file.impl.disable.cache", "true");
  }
}
