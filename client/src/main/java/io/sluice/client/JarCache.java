package io.sluice.client;

import io.sluice.yarn.StagedFile;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The runtime jars and the {@code --jars} in the shared cache {@code <cache>/<sha256>/<fileName>}: a jar
 * is uploaded once and reused by every later submission of the same build (or with the same
 * {@code --jars}), so a submission normally uploads only the application's jar. Cached jars are never
 * overwritten (YARN checks each file's modification time), and a new one appears by rename, so
 * concurrent clients never see half a jar.
 */
final class JarCache {
  /** The cached jars of one submission, and how many bytes it moved. */
  record Result(List<StagedFile> files, int reused, long reusedBytes, int uploaded, long uploadedBytes) {
    Result {
      files = List.copyOf(files);
    }
  }

  private final FileSystem fs;
  private final Path cacheDir;

  JarCache(FileSystem fs, Path cacheDir) {
    this.fs = fs;
    this.cacheDir = cacheDir;
  }

  Result stage(List<java.nio.file.Path> jars) throws IOException {
    List<StagedFile> files = new ArrayList<>();
    int reused = 0;
    int uploaded = 0;
    long reusedBytes = 0;
    long uploadedBytes = 0;
    for (java.nio.file.Path jar : jars) {
      long size = java.nio.file.Files.size(jar);
      String name = jar.getFileName().toString();
      Path target = new Path(new Path(cacheDir, sha256(jar)), name);
      FileStatus status = existing(target, size);
      if (status != null) {
        reused++;
        reusedBytes += size;
      } else {
        status = upload(jar, target, size);
        uploaded++;
        uploadedBytes += size;
      }
      files.add(new StagedFile(name, status.getPath().toUri().toString(), status.getLen(),
          status.getModificationTime(), false));
    }
    return new Result(files, reused, reusedBytes, uploaded, uploadedBytes);
  }

  private FileStatus existing(Path target, long size) throws IOException {
    if (!fs.exists(target)) {
      return null;
    }
    FileStatus status = fs.getFileStatus(target);
    return status.isFile() && status.getLen() == size ? status : null;
  }

  private FileStatus upload(java.nio.file.Path jar, Path target, long size) throws IOException {
    Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    fs.mkdirs(target.getParent());
    fs.copyFromLocalFile(false, true, new Path(jar.toUri()), tmp);
    if (!fs.rename(tmp, target)) {
      // Another client cached it first, or a truncated copy is in the way (the hash names the content).
      FileStatus other = existing(target, size);
      if (other != null) {
        fs.delete(tmp, false);
        return other;
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        throw new IOException("Cannot move " + tmp + " to " + target);
      }
    }
    return fs.getFileStatus(target);
  }

  static String sha256(java.nio.file.Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
