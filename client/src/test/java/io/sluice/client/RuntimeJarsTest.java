package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeJarsTest {
  @TempDir Path dir;

  @Test
  void shipsExactlyWhatTheClientJarsManifestNames() throws Exception {
    Path lib = dir.resolve("client/target/lib");
    Path am = TestJars.jar(lib.resolve("sluice-yarn-am-0.1.jar"), null, "io/sluice/yarn/ApplicationMasterMain.class");
    Path executor = TestJars.jar(lib.resolve("sub dir/sluice-executor-0.1.jar"), null,
        "io/sluice/executor/ExecutorMain.class");
    // A dependency whose own manifest names another jar: followed.
    Path kryo = TestJars.jar(lib.resolve("kryo-5.6.2.jar"), "minlog-1.3.jar");
    Path minlog = TestJars.jar(lib.resolve("minlog-1.3.jar"), null);
    // On the JVM's classpath (a test runner's) or in the same directory, but not named: not shipped.
    TestJars.jar(lib.resolve("hadoop-client-minicluster-3.5.0.jar"), null);
    TestJars.jar(dir.resolve("repo/junit-jupiter-api-5.11.4.jar"), null);
    Files.createDirectories(dir.resolve("client/target/classes"));
    Path client = TestJars.jar(dir.resolve("client/target/sluice-client-0.1.jar"),
        "lib/sluice-yarn-am-0.1.jar lib/sub%20dir/sluice-executor-0.1.jar lib/kryo-5.6.2.jar lib/missing.jar classes/ "
            + lib.resolve("minlog-1.3.jar").toUri(), RuntimeJars.CLIENT_ENTRY);

    List<Path> selected = RuntimeJars.select(client);

    assertEquals(List.of(am.toRealPath(), executor.toRealPath(), kryo.toRealPath(), minlog.toRealPath()), selected);
    assertEquals(selected, RuntimeJars.verified(selected));
  }

  @Test
  void sameFileNameTwiceKeepsTheFirst() throws Exception {
    Path first = TestJars.jar(dir.resolve("a/guava-33.jar"), null);
    TestJars.jar(dir.resolve("b/guava-33.jar"), null);
    Path client = TestJars.jar(dir.resolve("sluice-client-0.1.jar"), "a/guava-33.jar b/guava-33.jar");

    assertEquals(List.of(first.toRealPath()), RuntimeJars.select(client));
  }

  @Test
  void findsTheClientJarThroughRunJarsClassLoader() throws Exception {
    // What RunJar builds: the unpacked jar first (where the client's classes are found, so its code
    // source is a directory), then the jar itself, whose manifest names the runtime jars; the
    // installation's Hadoop jars are on java.class.path.
    Path unpacked = Files.createDirectories(dir.resolve("hadoop-unjar123"));
    Path installed = TestJars.jar(dir.resolve("hadoop/share/hadoop/common/hadoop-common-3.5.0.jar"), null);
    Path am = TestJars.jar(dir.resolve("client/target/lib/sluice-yarn-am-0.1.jar"), null,
        "io/sluice/yarn/ApplicationMasterMain.class");
    Path executor = TestJars.jar(dir.resolve("client/target/lib/sluice-executor-0.1.jar"), null,
        "io/sluice/executor/ExecutorMain.class");
    Path client = TestJars.jar(dir.resolve("client/target/sluice-client-0.1.jar"),
        "lib/sluice-yarn-am-0.1.jar lib/sluice-executor-0.1.jar", RuntimeJars.CLIENT_ENTRY);
    try (java.net.URLClassLoader runJar = new java.net.URLClassLoader(new java.net.URL[] {
        unpacked.toUri().toURL(), client.toUri().toURL()}, null)) {
      List<String> entries = RuntimeJars.classLoaderEntries(runJar);
      assertEquals(List.of(unpacked.toString(), client.toString()), entries);

      Optional<Path> found = RuntimeJars.clientJar(List.of(unpacked.toString(), installed.toString(),
          client.toString()));
      assertEquals(Optional.of(client.toRealPath()), found);
      assertEquals(List.of(am.toRealPath(), executor.toRealPath()),
          RuntimeJars.verified(RuntimeJars.select(found.orElseThrow())));
    }
  }

  @Test
  void noClientJarWhenRunningFromClassesDirectories() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("target/classes"));
    Path other = TestJars.jar(dir.resolve("kryo-5.6.2.jar"), null);

    assertEquals(Optional.empty(), RuntimeJars.clientJar(List.of(classes.toString(), other.toString(), "")));
  }

  @Test
  void failsClearlyWithoutTheSluiceRuntime() throws Exception {
    Path am = TestJars.jar(dir.resolve("sluice-yarn-am.jar"), null, "io/sluice/yarn/ApplicationMasterMain.class");
    SluiceException e = assertThrows(SluiceException.class, () -> RuntimeJars.verified(List.of(am)));
    assertEquals("the Sluice runtime jars are not on the client's classpath (none of its 1 jars has "
        + "io/sluice/executor/ExecutorMain.class); build with mvn package", e.getMessage());
  }
}
