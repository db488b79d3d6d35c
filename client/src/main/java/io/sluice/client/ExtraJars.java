package io.sluice.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The jars of {@code --jars}, checked and expanded on the client, so that a typing error fails before
 * anything is uploaded: each entry is a jar file, or a directory standing for the {@code *.jar} files
 * directly in it, sorted by name.
 */
final class ExtraJars {
  private ExtraJars() {}

  /**
   * @return the jars in classpath order: as given, each directory's jars in its place, a file listed
   *     twice (e.g. on its own and through its directory) kept at its first place
   * @throws UsageException naming the path that is missing, unreadable, not a jar or a directory without
   *     jars, or two different jars with the same file name (containers keep them in one directory)
   */
  static List<Path> expand(List<Path> entries) {
    Map<String, Path> byName = new LinkedHashMap<>();
    Map<String, Path> realByName = new LinkedHashMap<>();
    for (Path entry : entries) {
      for (Path jar : jarsOf(entry)) {
        String name = jar.getFileName().toString();
        Path real = realPath(jar);
        Path earlier = realByName.putIfAbsent(name, real);
        if (earlier == null) {
          byName.put(name, jar);
        } else if (!earlier.equals(real)) {
          throw new UsageException("--jars " + byName.get(name) + " and " + jar + " have the same file name; "
              + "containers keep the jars in one directory, so rename one");
        }
      }
    }
    return List.copyOf(byName.values());
  }

  private static List<Path> jarsOf(Path entry) {
    if (Files.isDirectory(entry)) {
      List<Path> jars = listJars(entry);
      if (jars.isEmpty()) {
        throw new UsageException("--jars " + entry + ": the directory has no .jar files");
      }
      jars.forEach(ExtraJars::check);
      return jars;
    }
    check(entry);
    return List.of(entry);
  }

  private static List<Path> listJars(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(f -> f.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UsageException("--jars " + dir + ": cannot list the directory (" + e.getMessage() + ")");
    }
  }

  private static void check(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new UsageException("--jars " + jar + ": no such file or directory");
    }
    if (!Files.isReadable(jar)) {
      throw new UsageException("--jars " + jar + ": not readable");
    }
    try {
      // Opening reads the zip's central directory: enough to tell a jar from anything else.
      new JarFile(jar.toFile()).close();
    } catch (IOException e) {
      throw new UsageException("--jars " + jar + " is not a jar file (" + e.getMessage() + ")");
    }
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }
}
