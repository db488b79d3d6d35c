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
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which jars the containers need besides the application's: the client's own runtime dependencies,
 * as the {@code Class-Path:} of the client's jar names them (Maven writes it from sluice-client's
 * runtime scope and copies those jars to {@code target/lib}), so the cluster runs exactly the Sluice
 * (and Hadoop client) build that submitted. Nothing else on the JVM's classpath is shipped: not a
 * test runner's jars (the dev cluster, JUnit), not the installation's Hadoop under {@code yarn jar},
 * not integrations such as Kafka, which are the application's to ship ({@code --jars}). So no list
 * of jars to leave out is needed: sluice-client's runtime scope is the list to ship. Jars named by
 * those jars' own manifests are followed; jars whose file names collide keep the first, as
 * containers see them in one directory.
 *
 * <p>The client's jar is where this class was loaded from ({@code bin/sluice-submit}, test runners),
 * or, under {@code yarn jar}, an entry of the class loader of Hadoop's RunJar, which loads the client
 * from the unpacked jar (a directory) and lists the jar itself after it.
 */
final class RuntimeJars {
  /** What the ApplicationMaster and the executors start with; their absence means an unbuilt tree. */
  static final List<String> REQUIRED_CLASSES = List.of(
      "io/sluice/yarn/ApplicationMasterMain.class", "io/sluice/executor/ExecutorMain.class");
  /** The entry that tells the client's jar from the others. */
  static final String CLIENT_ENTRY = RuntimeJars.class.getName().replace('.', '/') + ".class";

  private RuntimeJars() {}

  /** The jars to ship for this JVM. */
  static List<Path> ofThisJvm() {
    List<String> candidates = new ArrayList<>();
    Path own = ownLocation();
    if (own != null) {
      candidates.add(own.toString());
    }
    candidates.addAll(classLoaderEntries(RuntimeJars.class.getClassLoader()));
    candidates.addAll(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
    Path client = clientJar(candidates).orElseThrow(() -> new SluiceException(
        "the client does not run from its jar (sluice-client-*.jar, whose manifest names the runtime jars to "
            + "ship); build with mvn package and run bin/sluice-submit or yarn jar"));
    return verified(select(client));
  }

  /**
   * The local entries of the URL class loaders from {@code loader} up. Hadoop's {@code RunJar} ({@code yarn
   * jar}) unpacks the client jar into a temporary directory and loads the client from a class loader
   * of its own whose entries are that directory (where this class is found, so the code source is no
   * jar), the jar itself and the unpacked {@code lib/} jars. None of them is on {@code java.class.path},
   * which holds only the installation's Hadoop jars.
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

  /** The first of {@code entries} that is a jar holding this class. */
  static Optional<Path> clientJar(List<String> entries) {
    for (String entry : entries) {
      if (!entry.isBlank() && isJar(Path.of(entry))) {
        try (JarFile file = new JarFile(entry)) {
          if (file.getEntry(CLIENT_ENTRY) != null) {
            return Optional.of(canonical(Path.of(entry)));
          }
        } catch (IOException e) {
          // Not a readable jar: the JVM ignores it too.
        }
      }
    }
    return Optional.empty();
  }

  /** The jars {@code clientJar}'s manifest names, and those their manifests name, in order. */
  static List<Path> select(Path clientJar) {
    Map<String, Path> byName = new LinkedHashMap<>();
    Path own = canonical(clientJar);
    Set<Path> visited = new HashSet<>(Set.of(own));
    for (Path referenced : manifestClassPath(own)) {
      visit(referenced, visited, byName);
    }
    return List.copyOf(byName.values());
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

  private static void visit(Path entry, Set<Path> visited, Map<String, Path> byName) {
    if (!isJar(entry)) {
      return;
    }
    Path jar = canonical(entry);
    if (!visited.add(jar)) {
      return;
    }
    byName.putIfAbsent(jar.getFileName().toString(), jar);
    for (Path referenced : manifestClassPath(jar)) {
      visit(referenced, visited, byName);
    }
  }

  private static boolean isJar(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
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
