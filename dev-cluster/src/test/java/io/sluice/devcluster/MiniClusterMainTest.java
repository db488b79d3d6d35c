package io.sluice.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Argument handling of bin/sluice-mini-cluster; no cluster is started. */
class MiniClusterMainTest {
  @Test
  void defaults() {
    MiniClusterMain.Options options = MiniClusterMain.parse(new String[0]);
    assertEquals(new MiniClusterMain.Options(Path.of("target", "sluice-mini-cluster"), 2, 0, false), options);
  }

  @Test
  void readsEveryOption() {
    MiniClusterMain.Options options =
        MiniClusterMain.parse(new String[] {"--nodes", "3", "--dir", "/tmp/dc", "--base-port", "20000"});
    assertEquals(new MiniClusterMain.Options(Path.of("/tmp/dc"), 3, 20000, false), options);
  }

  @Test
  void secureIsAFlagWithoutValueAnywhereOnTheLine() {
    assertEquals(new MiniClusterMain.Options(Path.of("target", "sluice-mini-cluster"), 2, 0, true),
        MiniClusterMain.parse(new String[] {"--secure"}));
    assertEquals(new MiniClusterMain.Options(Path.of("/tmp/dc"), 1, 0, true),
        MiniClusterMain.parse(new String[] {"--dir", "/tmp/dc", "--secure", "--nodes", "1"}));
    assertEquals(new MiniClusterMain.Options(Path.of("/tmp/dc"), 2, 0, true),
        MiniClusterMain.parse(new String[] {"--secure", "--dir", "/tmp/dc", "--secure"}));
  }

  @Test
  void namesTheProblem() {
    assertProblem("unknown argument '--node'", "--node", "3");
    assertProblem("unknown argument 'extra'", "extra");
    assertProblem("unknown argument '--secure=true'", "--secure=true");
    // A flag is not a value: --dir still needs one.
    assertProblem("--dir needs a value", "--secure", "--dir");
    assertProblem("--dir needs a value", "--dir");
    assertProblem("--dir needs a non-empty path", "--dir", " ");
    assertProblem("--nodes needs a whole number, got 'two'", "--nodes", "two");
    assertProblem("--nodes must be between 1 and 16, got 0", "--nodes", "0");
    assertProblem("--base-port needs a whole number, got '80a'", "--base-port", "80a");
    assertProblem("base port must be between 1024 and 65529 (it uses 7 ports), got 80", "--base-port", "80");
    assertProblem("base port must be between 1024 and 65529 (it uses 7 ports), got 65530", "--base-port", "65530");
  }

  @Test
  void usageListsEveryOption() {
    for (String option : new String[] {"--dir", "--nodes", "--base-port", "--secure"}) {
      assertTrue(MiniClusterMain.USAGE.contains(option), option);
    }
  }

  private static void assertProblem(String message, String... args) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MiniClusterMain.parse(args));
    assertEquals(message, e.getMessage());
  }
}
