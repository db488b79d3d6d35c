package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.yarn.ApplicationSpec;
import io.sluice.yarn.StagedFile;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging on the local file system, with the home directory in a temporary directory. */
class StagingTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private static final class TempHomeFileSystem extends LocalFileSystem {
    private final org.apache.hadoop.fs.Path home;

    TempHomeFileSystem(Path home) throws Exception {
      this.home = new org.apache.hadoop.fs.Path(home.toUri());
      initialize(java.net.URI.create("file:///"), new Configuration(false));
    }

    @Override
    public org.apache.hadoop.fs.Path getHomeDirectory() {
      return home;
    }
  }

  private Staging.Staged stage(Staging staging, int appNumber, Command.Submit submit, List<Path> extraJars)
      throws Exception {
    List<Path> runtime = List.of(TestJars.jar(dir.resolve("runtime/kryo-5.6.2.jar"), null,
        "com/esotericsoftware/K.class"));
    return staging.stage(ApplicationId.newInstance(1, appNumber), submit, AppSettings.of(submit), runtime, extraJars,
        new Configuration(false));
  }

  @Test
  void extraJarsGoThroughTheJarCacheIntoTheSpecInOrder() throws Exception {
    Path app = TestJars.jar(dir.resolve("app.jar"), null, "com/example/Job.class");
    Path kafka = TestJars.jar(dir.resolve("lib/kafka-clients-3.7.0.jar"), null, "org/apache/kafka/K.class");
    // Same file name as a runtime jar, other content: both are shipped, under different names.
    Path kryo = TestJars.jar(dir.resolve("lib/kryo-5.6.2.jar"), null, "old/Kryo.class");
    Command.Submit submit = (Command.Submit) CommandLineParser.parse(List.of("submit", "--class", "com.example.Job",
        "--jar", app.toString(), "--jars", kafka + "," + kryo));
    List<Path> extraJars = ExtraJars.expand(submit.extraJars());
    Staging staging = new Staging(new TempHomeFileSystem(dir.resolve("home")),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    ApplicationSpec first = stage(staging, 1, submit, extraJars).spec();
    ApplicationSpec second = stage(staging, 2, submit, extraJars).spec();

    assertEquals(List.of("__jars__/kafka-clients-3.7.0.jar", "__jars__/kryo-5.6.2.jar"),
        first.extraJars().stream().map(StagedFile::name).toList());
    assertTrue(first.files().stream().map(StagedFile::name).toList().contains("kryo-5.6.2.jar"), first.toString());
    for (StagedFile jar : first.extraJars()) {
      assertTrue(jar.uri().contains("/.sluice-staging/.cache/"), jar.uri());
      assertEquals(false, jar.archive());
    }
    assertEquals(first.extraJars(), second.extraJars(), "the second submission reuses the cached jars");
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Extra jars (--jars): 0 reused (0.0 MB), 2 uploaded (")
        && text.contains("): kafka-clients-3.7.0.jar, kryo-5.6.2.jar"), text);
    assertTrue(text.contains("Extra jars (--jars): 2 reused ("), text);
    assertTrue(text.contains(", 0 uploaded (0.0 MB): kafka-clients-3.7.0.jar, kryo-5.6.2.jar"), text);

    // What the ApplicationMaster reads back from the staging directory.
    org.apache.hadoop.fs.Path specFile = new org.apache.hadoop.fs.Path(
        staging.appDir(ApplicationId.newInstance(1, 2)), ApplicationSpec.FILE_NAME);
    try (InputStream in = new TempHomeFileSystem(dir.resolve("home")).open(specFile)) {
      assertEquals(second, ApplicationSpec.read(in));
    }
  }

  @Test
  void withoutExtraJarsNothingIsPrintedAboutThem() throws Exception {
    Path app = TestJars.jar(dir.resolve("app.jar"), null, "com/example/Job.class");
    Command.Submit submit = (Command.Submit) CommandLineParser.parse(new ArrayList<>(List.of("submit", "--class",
        "com.example.Job", "--jar", app.toString())));
    Staging staging = new Staging(new TempHomeFileSystem(dir.resolve("home")),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertEquals(List.of(), stage(staging, 1, submit, List.of()).spec().extraJars());
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("Runtime jars: 0 reused (0.0 MB), 1 uploaded ("), text);
    assertTrue(!text.contains("Extra jars"), text);
  }
}
