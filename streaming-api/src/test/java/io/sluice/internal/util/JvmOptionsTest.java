package io.sluice.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM flags live in one file (jvm-opens.txt); the Java launchers, the test runners' argLine (root
 * pom) and bin/sluice-env must all be given exactly its flags.
 */
class JvmOptionsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path SOURCE = ROOT.resolve("streaming-api/src/main/resources/io/sluice/internal/util/jvm-opens.txt");

  @Test
  void launchersUseTheFilesFlags() throws Exception {
    List<String> flags = JvmOptions.parse(Files.readString(SOURCE));
    assertEquals(14, flags.size(), flags.toString());
    assertEquals(flags, JvmOptions.ADD_OPENS);
  }

  @Test
  void parseSkipsCommentsAndBlankLines() {
    assertEquals(List.of("--add-opens", "a=B", "--add-opens", "c=D"),
        JvmOptions.parse("# comment\n\n  --add-opens   a=B \n#--add-opens x=Y\n--add-opens c=D"));
  }

  /** This JVM was started by surefire with the root pom's argLine, built from the file. */
  @Test
  void testRunnersArgLineHasEveryFlag() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < JvmOptions.ADD_OPENS.size(); i += 2) {
      String option = JvmOptions.ADD_OPENS.get(i);
      String value = JvmOptions.ADD_OPENS.get(i + 1);
      // The JVM reports "--add-opens X" as "--add-opens=X".
      assertTrue(args.contains(option + "=" + value) || args.contains(option) && args.contains(value),
          option + " " + value + " missing from " + args);
    }
  }

  @Test
  void binSluiceEnvUsesTheFilesFlags() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c",
        "set -euo pipefail; source bin/sluice-env; printf '%s\\n' \"${SLUICE_JVM_FLAGS[@]}\"")
        .directory(ROOT.toFile());
    builder.environment().remove("SLUICE_MASTER");
    Process process = builder.redirectErrorStream(true).start();
    List<String> flags = new ArrayList<>(
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    assertEquals(0, process.waitFor(), flags.toString());
    assertEquals(JvmOptions.ADD_OPENS, flags);
  }
}
