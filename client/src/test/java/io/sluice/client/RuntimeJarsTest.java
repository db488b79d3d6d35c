package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeJarsTest {
  @TempDir Path dir;

  private static String classPath(Object... entries) {
    StringBuilder sb = new StringBuilder();
    for (Object e : entries) {
      sb.append(sb.isEmpty() ? "" : File.pathSeparator).append(e);
    }
    return sb.toString();
  }

  private static List<String> names(List<Path> jars) {
    return jars.stream().map(p -> p.getFileName().toString()).toList();
  }

  @Test
  void followsManifestClassPathsAndLeavesOutTestJarsDirectoriesAndTheClient() throws Exception {
    Path repo = dir.resolve("repo");
    Path am = TestJars.jar(repo.resolve("sluice-yarn-am-0.1.jar"), null, "io/sluice/yarn/ApplicationMasterMain.class");
    Path executor = TestJars.jar(repo.resolve("sub dir/sluice-executor-0.1.jar"), null,
        "io/sluice/executor/ExecutorMain.class");
    Path kryo = TestJars.jar(repo.resolve("kryo-5.6.2.jar"), null);
    TestJars.jar(repo.resolve("junit-jupiter-api-5.11.4.jar"), null);
    TestJars.jar(repo.resolve("opentest4j-1.3.0.jar"), null);
    TestJars.jar(repo.resolve("apiguardian-api-1.1.2.jar"), null);
    TestJars.jar(repo.resolve("bcprov-jdk18on-1.82.jar"), null);
    TestJars.jar(repo.resolve("hadoop-client-minicluster-3.5.0.jar"), null);
    // A test runner's booter jar: excluded itself, but it names the real classpath, relative and absolute.
    Path booter = TestJars.jar(dir.resolve("target/surefire/surefirebooter-123.jar"),
        "../../repo/sluice-yarn-am-0.1.jar ../../repo/sub%20dir/sluice-executor-0.1.jar "
            + repo.resolve("kryo-5.6.2.jar").toUri() + " ../../repo/junit-jupiter-api-5.11.4.jar "
            + "../../repo/opentest4j-1.3.0.jar ../../repo/apiguardian-api-1.1.2.jar ../../repo/bcprov-jdk18on-1.82.jar "
            + "../../repo/hadoop-client-minicluster-3.5.0.jar ../../repo/missing.jar ../../target/classes/");
    Path classes = Files.createDirectories(dir.resolve("target/classes"));
    Path client = TestJars.jar(dir.resolve("target/sluice-client-0.1.jar"), "lib/netty-all-4.1.jar");
    Path netty = TestJars.jar(dir.resolve("target/lib/netty-all-4.1.jar"), null);
    // Same file name elsewhere: containers see one directory, so the first one wins.
    TestJars.jar(dir.resolve("other/kryo-5.6.2.jar"), null);

    List<Path> selected = RuntimeJars.select(
        classPath(booter, classes, dir.resolve("nope.jar"), dir.resolve("other/kryo-5.6.2.jar"), client), client,
        List.of());

    assertEquals(List.of(am.toRealPath(), executor.toRealPath(), kryo.toRealPath(), netty.toRealPath()), selected);
    assertEquals(selected, RuntimeJars.verified(selected));
  }

  @Test
  void followsTheClientJarEvenWhenItIsNotOnTheClassPath() throws Exception {
    // yarn jar: RunJar loads the client jar itself; java.class.path holds the installation's jars.
    Path hadoopHome = dir.resolve("hadoop");
    TestJars.jar(hadoopHome.resolve("share/hadoop/common/hadoop-common-3.5.0.jar"), null);
    Path guava = TestJars.jar(dir.resolve("client/target/lib/guava-33.jar"), null);
    Path client = TestJars.jar(dir.resolve("client/target/sluice-client-0.1.jar"), "lib/guava-33.jar");

    List<Path> selected = RuntimeJars.select(classPath(hadoopHome.resolve("share/hadoop/common/hadoop-common-3.5.0.jar")),
        client, List.of(hadoopHome));

    assertEquals(List.of(guava.toRealPath()), selected);
  }

  @Test
  void findsTheRuntimeJarsThroughRunJarsClassLoader() throws Exception {
    // What RunJar builds: the unpacked jar first (where the client's classes are found, so its code
    // source is a directory), then the jar itself, whose manifest names the runtime jars.
    Path unpacked = Files.createDirectories(dir.resolve("hadoop-unjar123"));
    Path am = TestJars.jar(dir.resolve("client/target/lib/sluice-yarn-am-0.1.jar"), null,
        "io/sluice/yarn/ApplicationMasterMain.class");
    Path executor = TestJars.jar(dir.resolve("client/target/lib/sluice-executor-0.1.jar"), null,
        "io/sluice/executor/ExecutorMain.class");
    Path client = TestJars.jar(dir.resolve("client/target/sluice-client-0.1.jar"),
        "lib/sluice-yarn-am-0.1.jar lib/sluice-executor-0.1.jar");
    try (java.net.URLClassLoader runJar = new java.net.URLClassLoader(new java.net.URL[] {
        unpacked.toUri().toURL(), client.toUri().toURL()}, null)) {
      List<String> entries = RuntimeJars.classLoaderEntries(runJar);
      assertEquals(List.of(unpacked.toString(), client.toString()), entries);

      List<Path> selected = RuntimeJars.verified(RuntimeJars.select(String.join(File.pathSeparator, entries),
          unpacked, List.of()));
      assertEquals(List.of(am.toRealPath(), executor.toRealPath()), selected);
    }
  }

  @Test
  void exclusionsByName() {
    for (String name : List.of("sluice-client-0.1.0-SNAPSHOT.jar", "hadoop-client-minicluster-3.5.0.jar",
        "bcprov-jdk18on-1.82.jar", "bcpkix-jdk18on-1.82.jar", "bcutil-jdk18on-1.82.jar", "junit-jupiter-5.11.4.jar",
        "junit-platform-launcher-1.11.4.jar", "opentest4j-1.3.0.jar", "apiguardian-api-1.1.2.jar",
        "surefirebooter-20250101.jar", "surefire-booter-3.5.2.jar", "common-java5-3.5.2.jar")) {
      assertTrue(RuntimeJars.isExcluded(name), name);
    }
    for (String name : List.of("sluice-yarn-am-0.1.0-SNAPSHOT.jar", "hadoop-client-api-3.5.0.jar",
        "hadoop-client-runtime-3.5.0.jar", "log4j-core-2.24.3.jar", "kryo-5.6.2.jar")) {
      assertTrue(!RuntimeJars.isExcluded(name), name);
    }
  }

  @Test
  void failsClearlyWithoutTheSluiceRuntime() throws Exception {
    Path am = TestJars.jar(dir.resolve("sluice-yarn-am.jar"), null, "io/sluice/yarn/ApplicationMasterMain.class");
    SluiceException e = assertThrows(SluiceException.class, () -> RuntimeJars.verified(List.of(am)));
    assertEquals("the Sluice runtime jars are not on the client's classpath (none of its 1 jars has "
        + "io/sluice/executor/ExecutorMain.class); build with mvn package", e.getMessage());
  }
}
