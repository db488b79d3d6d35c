package io.sluice.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --jars a.jar,b.jar,dir}: jars for the classpath of the driver and every executor that the
 * application jar does not bundle (a Kafka integration and its client, say). A directory stands
 * for the jars directly in it. Checked before anything is uploaded, naming the path at fault.
 */
final class ExtraJars {
  private ExtraJars() {}

  static List<Path> parse(String value) {
    List<Path> jars = new ArrayList<>();
    for (String item : value.split(",")) {
      if (item.isBlank()) {
        throw new UsageException("--jars has an empty entry in '" + value + "'");
      }
      Path path = Path.of(item.trim());
      if (Files.isDirectory(path)) {
        List<Path> inDir = jarsIn(path);
        if (inDir.isEmpty()) {
          throw new UsageException("--jars: directory " + path + " has no .jar files");
        }
        jars.addAll(inDir);
      } else if (!Files.isRegularFile(path)) {
        throw new UsageException("--jars: " + path + " does not exist");
      } else if (!path.getFileName().toString().endsWith(".jar")) {
        throw new UsageException("--jars: " + path + " is not a .jar file");
      } else {
        jars.add(path);
      }
    }
    return List.copyOf(jars);
  }

  private static List<Path> jarsIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UsageException("--jars: cannot list " + dir + ": " + e.getMessage());
    }
  }
}
