package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes of command lines that never reach a cluster. */
class SubmitMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SubmitMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpGoesToStandardOutput() {
    assertEquals(ExitCode.OK, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage:"));
  }

  @Test
  void badArgumentsPrintTheProblemAndTheUsage() {
    assertEquals(ExitCode.USAGE, run("submit", "--class", "a.B", "--jar", "app.jar", "--executors", "x"));
    String printed = err.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("sluice-submit: --executors must be a positive integer, got 'x'"), printed);
    assertTrue(printed.contains("Usage:"), printed);
  }

  @Test
  void theJarIsCheckedBeforeTheCluster() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app.jar"), null, "com/example/Job.class");
    assertEquals(ExitCode.USAGE, run("submit", "--class", "com.x.Y", "--jar", jar.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("sluice-submit: class com.x.Y is not in app.jar"));
  }

  @Test
  void extraJarsAreCheckedBeforeTheCluster() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app.jar"), null, "com/example/Job.class");
    Path missing = dir.resolve("lib/kafka-clients.jar");
    // No HADOOP_CONF_DIR and no cluster: a usage error must come first.
    assertEquals(ExitCode.USAGE, run("submit", "--class", "com.example.Job", "--jar", jar.toString(),
        "--jars", jar + "," + missing));
    String printed = err.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("sluice-submit: --jars " + missing + ": no such file or directory"), printed);
    assertTrue(printed.contains("Usage:"), printed);
  }

  @Test
  void containerOptionsAreCheckedBeforeTheCluster() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app.jar"), null, "com/example/Job.class");
    assertEquals(ExitCode.USAGE, run("submit", "--class", "com.example.Job", "--jar", jar.toString(),
        "--conf", "sluice.executor.extraJavaOptions=-XX:+UseG1GC -XX:+NoSuchFlagAnywhere"));
    String printed = err.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("sluice-submit: sluice.executor.extraJavaOptions: the JVM refuses"), printed);
    assertTrue(printed.contains("NoSuchFlagAnywhere"), printed);

    err.reset();
    assertEquals(ExitCode.USAGE, run("submit", "--class", "com.example.Job", "--jar", jar.toString(),
        "--conf", "sluice.yarn.appMasterEnv.HADOOP_CONF_DIR=/etc/other"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
        "sluice-submit: sluice.yarn.appMasterEnv.HADOOP_CONF_DIR: HADOOP_CONF_DIR is set by YARN or Sluice"),
        err.toString(StandardCharsets.UTF_8));

    err.reset();
    assertEquals(ExitCode.USAGE, run("submit", "--class", "com.example.Job", "--jar", jar.toString(),
        "--files", dir.resolve("missing.csv").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("sluice-submit: --files " + dir.resolve("missing.csv")
        + ": no such file"), err.toString(StandardCharsets.UTF_8));
  }
}
