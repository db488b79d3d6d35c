package io.sluice.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/** The user's jar, checked on the client so a typing error fails here and not in the ApplicationMaster. */
final class AppJar {
  private AppJar() {}

  /** @throws UsageException when the jar is missing, unreadable, not a jar, or lacks the main class */
  static void check(Path jar, String mainClass) {
    if (!Files.isRegularFile(jar)) {
      throw new UsageException("--jar " + jar + ": no such file");
    }
    if (!Files.isReadable(jar)) {
      throw new UsageException("--jar " + jar + ": not readable");
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      if (file.getEntry(mainClass.replace('.', '/') + ".class") == null) {
        throw new UsageException("class " + mainClass + " is not in " + jar.getFileName());
      }
    } catch (IOException e) {
      throw new UsageException("--jar " + jar + " is not a jar file (" + e.getMessage() + ")");
    }
  }
}
