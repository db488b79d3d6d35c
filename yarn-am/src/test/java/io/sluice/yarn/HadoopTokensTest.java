package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HadoopTokensTest {
  @Test
  void tokensAreForTheDefaultFileSystemAndTheListedOnes() {
    Configuration hadoop = new Configuration(false);
    hadoop.set("fs.defaultFS", "hdfs://nn1:8020");
    assertEquals(List.of(URI.create("hdfs://nn1:8020")), HadoopTokens.fileSystems(Map.of(), hadoop));
    assertEquals(List.of(URI.create("hdfs://nn1:8020"), URI.create("hdfs://nn2:8020"), URI.create("webhdfs://nn3:9870")),
        HadoopTokens.fileSystems(Map.of("sluice.yarn.access.hadoopFileSystems",
            " hdfs://nn2:8020,hdfs://nn1:8020, webhdfs://nn3:9870 ,"), hadoop));
    SluiceException bad = assertThrows(SluiceException.class, () -> HadoopTokens.fileSystems(
        Map.of("sluice.yarn.access.hadoopFileSystems", "/just/a/path"), hadoop));
    assertTrue(bad.getMessage().contains("sluice.yarn.access.hadoopFileSystems") && bad.getMessage().contains("/just/a/path"),
        bad.getMessage());
  }

  @Test
  void freshTokensComeAtThreeQuartersOfTheTimeLeft() {
    assertEquals(45_000, CredentialRenewer.delayMs(1_000_000, 1_060_000));
    assertEquals(64_800_000, CredentialRenewer.delayMs(0, 86_400_000));
    assertEquals(5_000, CredentialRenewer.delayMs(1_000_000, 1_001_000), "never a busy loop");
  }
}
