package io.sluice.internal.checkpoint;

import io.sluice.core.SluiceException;
import java.util.Optional;

/**
 * Who wrote a checkpoint: "appName (main class)". A driver recovering from another application's
 * checkpoint would run someone else's graph, so a mismatch of main classes is refused.
 */
public final class Applications {
  /**
   * System property naming the user's main class when the JVM's own main class is a launcher's (on
   * YARN every driver JVM runs the ApplicationMaster, which calls the user's main method).
   */
  public static final String MAIN_CLASS_PROPERTY = "io.sluice.driver.mainClass";

  private Applications() {}

  public static String describe(String appName) {
    return appName + " (" + mainClass().orElse("unknown main class") + ")";
  }

  /**
   * The application's main class: the one a launcher names in {@value #MAIN_CLASS_PROPERTY}, else the
   * JVM's, from its command line (or the manifest of {@code java -jar}), when known.
   */
  static Optional<String> mainClass() {
    String launched = System.getProperty(MAIN_CLASS_PROPERTY, "").trim();
    if (!launched.isEmpty()) {
      return Optional.of(launched);
    }
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
