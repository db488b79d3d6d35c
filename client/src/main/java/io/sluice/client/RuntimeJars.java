package io.sluice.client;

import io.sluice.core.SluiceException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which jars the containers need besides the application's: those on the client's own classpath, so
 * the cluster runs exactly the Sluice (and Hadoop client) build that submitted. Maven's test runners
 * and {@code yarn jar} hand over classpaths as {@code Class-Path:} manifest entries of a jar, so those
 * are followed (relative to the jar that names them). Directories are skipped, and so are the client
 * itself and test-only jars, which containers must not have (the minicluster jar holds a second
 * Hadoop). Jars whose file names collide keep the first, as containers see them in one directory.
 *
 * <p>Under {@code yarn jar} the client's jar is not on {@code java.class.path} (Hadoop's RunJar loads
 * it in a class loader of its own) while the installation's unshaded Hadoop jars are: the client's jar
 * is followed too, and jars under a {@code HADOOP_*_HOME} directory are left to the cluster, whose
 * nodes have them anyway and whose classes would clash with the shaded client jars in a container.
 */
final class RuntimeJars {
  /** Jars whose file name starts with one of these are not shipped. */
  static final List<String> EXCLUDED_PREFIXES = List.of(
      "sluice-client-", "hadoop-client-minicluster-", "bcprov-", "bcpkix-", "bcutil-", "junit-", "opentest4j-",
      "apiguardian-", "surefire", "failsafe", "common-java5-", "common-junit", "maven-surefire",
      // The dev cluster's KDC (MiniKdc and Apache Kerby): a container talks to the cluster's KDC through the JDK.
      "hadoop-minikdc-", "kerb-", "kerby-", "token-provider-",
      // Integrations are the application's to ship (--jars), not Sluice's: a client whose classpath
      // has them (the tests', which also run a broker) must not send them to every application.
      "sluice-kafka-", "kafka", "scala-");
  /** What the ApplicationMaster and the executors start with; their absence means an unbuilt tree. */
  static final List<String> REQUIRED_CLASSES = List.of(
      "io/sluice/yarn/ApplicationMasterMain.class", "io/sluice/executor/ExecutorMain.class");

  private RuntimeJars() {}

  /** Environment variables naming Hadoop installation directories (set by the hadoop and yarn scripts). */
  static final List<String> HADOOP_HOMES = List.of(
      "HADOOP_HOME", "HADOOP_COMMON_HOME", "HADOOP_HDFS_HOME", "HADOOP_YARN_HOME", "HADOOP_MAPRED_HOME");

  /** The jars to ship for this JVM. */
  static List<Path> ofThisJvm(Map<String, String> env) {
    List<Path> installed = HADOOP_HOMES.stream().map(env::get).filter(v -> v != null && !v.isBlank())
        .map(Path::of).toList();
    String classPath = System.getProperty("java.class.path", "");
    String loaded = String.join(File.pathSeparator, classLoaderEntries(RuntimeJars.class.getClassLoader()));
    return verified(select(loaded.isEmpty() ? classPath : classPath + File.pathSeparator + loaded, ownLocation(),
        installed));
  }

  /**
   * The local entries of the URL class loaders from {@code loader} up. Hadoop's {@code RunJar} ({@code yarn
   * jar}) unpacks the client jar into a temporary directory and loads the client from a class loader
   * of its own whose entries are that directory (where this class is found, so the code source is no
   * jar), the jar itself and the unpacked {@code lib/} jars; the jar's manifest {@code Class-Path}
   * names Sluice's runtime jars. None of them is on {@code java.class.path}, which holds only the
   * installation's Hadoop jars.
   */
  static List<String> classLoaderEntries(ClassLoader loader) {
    List<String> entries = new ArrayList<>();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            try {
              entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
              // Not a usable local path; the JVM cannot load from it either.
            }
          }
        }
      }
    }
    return entries;
  }

  /**
   * @param classPath entries separated by the platform's path separator
   * @param ownLocation the client's jar (or classes directory): followed but never selected; may be null
   * @param installedDirs jars under these directories are not selected (nor followed)
   */
  static List<Path> select(String classPath, Path ownLocation, List<Path> installedDirs) {
    Map<String, Path> byName = new LinkedHashMap<>();
    Set<Path> visited = new HashSet<>();
    Path own = ownLocation == null ? null : canonical(ownLocation);
    List<Path> skipped = installedDirs.stream().map(RuntimeJars::canonical).toList();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        visit(Path.of(entry), own, skipped, visited, byName);
      }
    }
    if (own != null) {
      visit(own, own, skipped, visited, byName);
    }
    return List.copyOf(byName.values());
  }

  static boolean isExcluded(String fileName) {
    return EXCLUDED_PREFIXES.stream().anyMatch(fileName::startsWith);
  }

  /** @throws SluiceException when the jars lack the ApplicationMaster or executor main class */
  static List<Path> verified(List<Path> jars) {
    List<String> missing = new ArrayList<>(REQUIRED_CLASSES);
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        missing.removeIf(entry -> file.getEntry(entry) != null);
      } catch (IOException e) {
        throw new SluiceException("Cannot read runtime jar " + jar + ": " + e.getMessage(), e);
      }
    }
    if (!missing.isEmpty()) {
      throw new SluiceException("the Sluice runtime jars are not on the client's classpath (none of its "
          + jars.size() + " jars has " + String.join(" or ", missing) + "); build with mvn package");
    }
    return jars;
  }

  private static void visit(Path entry, Path own, List<Path> skipped, Set<Path> visited, Map<String, Path> byName) {
    if (!Files.isRegularFile(entry) || !entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
      return;
    }
    Path jar = canonical(entry);
    if (skipped.stream().anyMatch(jar::startsWith) || !visited.add(jar)) {
      return;
    }
    String name = jar.getFileName().toString();
    if (!jar.equals(own) && !isExcluded(name)) {
      byName.putIfAbsent(name, jar);
    }
    // Excluded jars are still followed: a test runner's booter jar is excluded but names the real classpath.
    for (Path referenced : manifestClassPath(jar)) {
      visit(referenced, own, skipped, visited, byName);
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    String classPath;
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    } catch (IOException e) {
      return List.of(); // not a readable jar: the JVM ignores it too
    }
    if (classPath == null) {
      return List.of();
    }
    List<Path> paths = new ArrayList<>();
    URI base = jar.getParent().toUri();
    for (String url : classPath.trim().split("\\s+")) {
      if (!url.isEmpty()) {
        try {
          URI resolved = base.resolve(new URI(url));
          if ("file".equals(resolved.getScheme())) {
            paths.add(Path.of(resolved));
          }
        } catch (URISyntaxException | IllegalArgumentException e) {
          // Malformed entries are ignored, as the JVM's class loader does.
        }
      }
    }
    return paths;
  }

  private static Path ownLocation() {
    try {
      return Path.of(RuntimeJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static Path canonical(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
