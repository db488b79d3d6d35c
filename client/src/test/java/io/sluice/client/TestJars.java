package io.sluice.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small jars written for tests: given entries (empty content) and an optional manifest Class-Path. */
final class TestJars {
  private TestJars() {}

  static Path jar(Path file, String manifestClassPath, String... entries) throws IOException {
    Files.createDirectories(file.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (manifestClassPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, manifestClassPath);
    }
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (String entry : entries) {
        jar.putNextEntry(new JarEntry(entry));
        jar.closeEntry();
      }
    }
    return file;
  }
}
