package io.sluice.internal.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.config.ConfigOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every key the Kafka direct stream reads. */
class ReadmeKafkaKeysTest {
  @Test
  void readmeListsEveryKafkaConfigurationKey() throws IOException {
    String text = Files.readString(Path.of("..", "README.md"));
    List<String> missing = KafkaOptions.ALL.stream().map(ConfigOption::key)
        .filter(key -> !text.contains("| `" + key + "` |")).toList();
    assertTrue(missing.isEmpty(), "README.md's configuration table lacks " + missing);
  }
}
