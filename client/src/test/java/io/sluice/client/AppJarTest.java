package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppJarTest {
  @TempDir Path dir;

  @Test
  void acceptsAJarWithTheMainClass() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app.jar"), null, "com/example/Job.class");
    assertDoesNotThrow(() -> AppJar.check(jar, "com.example.Job"));
  }

  @Test
  void namesAClassThatIsNotInTheJar() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app.jar"), null, "com/example/Job.class");
    assertEquals("class com.x.Y is not in app.jar",
        assertThrows(UsageException.class, () -> AppJar.check(jar, "com.x.Y")).getMessage());
  }

  @Test
  void rejectsMissingFilesAndNonJars() throws Exception {
    Path missing = dir.resolve("missing.jar");
    assertEquals("--jar " + missing + ": no such file",
        assertThrows(UsageException.class, () -> AppJar.check(missing, "a.B")).getMessage());
    assertTrue(assertThrows(UsageException.class, () -> AppJar.check(dir, "a.B")).getMessage().endsWith("no such file"));
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
    assertTrue(assertThrows(UsageException.class, () -> AppJar.check(text, "a.B")).getMessage()
        .startsWith("--jar " + text + " is not a jar file"));
  }
}
