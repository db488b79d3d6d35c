package io.sluice.internal.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table must list every key Sluice reads, so users can find them all. */
class ReadmeConfigKeysTest {
  @Test
  void readmeListsEveryConfigurationKey() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    List<String> missing = SluiceOptions.ALL.stream().map(ConfigOption::key)
        .filter(key -> !text.contains("| `" + key + "` |")).toList();
    assertTrue(missing.isEmpty(), "README.md's configuration table lacks " + missing);
  }
}
