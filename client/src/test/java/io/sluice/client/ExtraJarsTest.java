package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraJarsTest {
  @TempDir Path dir;

  private static String problem(Path... entries) {
    return assertThrows(UsageException.class, () -> ExtraJars.expand(List.of(entries))).getMessage();
  }

  @Test
  void filesAreKeptInTheGivenOrder() throws Exception {
    Path b = TestJars.jar(dir.resolve("b.jar"), null);
    Path a = TestJars.jar(dir.resolve("sub/a.jar"), null);
    assertEquals(List.of(b, a), ExtraJars.expand(List.of(b, a)));
    assertEquals(List.of(), ExtraJars.expand(List.of()));
  }

  @Test
  void aDirectoryStandsForItsJarsSortedByNameInItsPlace() throws Exception {
    Path lib = dir.resolve("lib");
    Path kafka = TestJars.jar(lib.resolve("kafka-clients-3.7.0.jar"), null);
    Path connector = TestJars.jar(lib.resolve("connector.jar"), null);
    Path upper = TestJars.jar(lib.resolve("Zstd.JAR"), null);
    Files.writeString(lib.resolve("README.txt"), "not a jar, and not one of them");
    TestJars.jar(lib.resolve("nested/deeper.jar"), null);
    Files.createDirectories(lib.resolve("dir.jar"));
    Path first = TestJars.jar(dir.resolve("first.jar"), null);
    Path last = TestJars.jar(dir.resolve("last.jar"), null);

    assertEquals(List.of(first, upper, connector, kafka, last), ExtraJars.expand(List.of(first, lib, last)));
  }

  @Test
  void aJarListedTwiceIsKeptAtItsFirstPlace() throws Exception {
    Path lib = dir.resolve("lib");
    Path a = TestJars.jar(lib.resolve("a.jar"), null);
    Path b = TestJars.jar(lib.resolve("b.jar"), null);
    assertEquals(List.of(b, a), ExtraJars.expand(List.of(b, lib, dir.resolve("lib/../lib/b.jar"))));
  }

  @Test
  void missingPathsAreNamed() {
    Path missing = dir.resolve("nope/kafka.jar");
    assertEquals("--jars " + missing + ": no such file or directory", problem(missing));
  }

  @Test
  void nonJarsAreRefusedByContentNotByName() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
    assertTrue(problem(text).startsWith("--jars " + text + " is not a jar file ("), problem(text));
    // In a directory too: every jar it stands for is checked.
    Path lib = dir.resolve("lib");
    TestJars.jar(lib.resolve("good.jar"), null);
    Path broken = Files.writeString(lib.resolve("broken.jar"), "truncated");
    assertTrue(problem(lib).startsWith("--jars " + broken + " is not a jar file ("), problem(lib));
  }

  @Test
  void aDirectoryWithoutJarsIsRefused() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals("--jars " + empty + ": the directory has no .jar files", problem(empty));
    Files.writeString(empty.resolve("classes.zip"), "");
    assertEquals("--jars " + empty + ": the directory has no .jar files", problem(empty));
  }

  @Test
  void twoJarsWithOneFileNameAreRefused() throws Exception {
    // Containers localize the jars into one directory by file name, so one would hide the other.
    Path a = TestJars.jar(dir.resolve("v1/guava.jar"), null);
    Path b = TestJars.jar(dir.resolve("v2/guava.jar"), null);
    assertEquals("--jars " + a + " and " + b + " have the same file name; containers keep the jars in one "
        + "directory, so rename one", problem(a, dir.resolve("v2")));
  }
}
