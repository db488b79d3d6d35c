package io.sluice.internal.checkpoint;

import io.sluice.core.SluiceException;
import java.util.Optional;

/**
 * Who wrote a checkpoint: "appName (main class)". A driver recovering from another application's
 * checkpoint would run someone else's graph, so a mismatch of main classes is refused.
 */
public final class Applications {
  private Applications() {}

  public static String describe(String appName) {
    return appName + " (" + mainClass().orElse("unknown main class") + ")";
  }

  /** The JVM's main class, from the launcher's command line (or the manifest of {@code java -jar}), when known. */
  static Optional<String> mainClass() {
    String command = System.getProperty("sun.java.command", "").trim();
    if (command.isEmpty()) {
      return Optional.empty();
    }
    String first = command.split("\\s+")[0];
    if (!first.endsWith(".jar")) {
      return Optional.of(first);
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(first)) {
      return Optional.ofNullable(jar.getManifest()).map(m -> m.getMainAttributes().getValue("Main-Class"));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  public static void checkSameApplication(String writer, String checkpointDir) {
    checkSameApplication(writer, mainClass(), checkpointDir);
  }

  /** Fails when the checkpoint's writer ran another main class than {@code current}. */
  public static void checkSameApplication(String writer, Optional<String> current, String checkpointDir) {
    int open = writer.lastIndexOf(" (");
    String writerMain = open >= 0 && writer.endsWith(")") ? writer.substring(open + 2, writer.length() - 1) : "";
    if (current.isPresent() && !writerMain.isEmpty() && !writerMain.equals("unknown main class")
        && !writerMain.equals(current.get())) {
      throw new SluiceException("The checkpoint in " + checkpointDir + " was written by another application: "
          + writer + ", but this is " + current.get() + ". Use another checkpoint directory for this "
          + "application, or delete that one to start afresh");
    }
  }
}
