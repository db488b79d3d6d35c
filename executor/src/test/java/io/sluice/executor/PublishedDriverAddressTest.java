package io.sluice.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published driver address as an executor reads it, here from the local file system. */
class PublishedDriverAddressTest {
  @TempDir
  Path dir;

  @Test
  void readsHostAndPortAndSeesNoDriverWhileTheFileIsAbsentOrUnreadable() throws Exception {
    Path file = dir.resolve("driver-address");
    PublishedDriverAddress locator = new PublishedDriverAddress(new org.apache.hadoop.fs.Path(file.toUri()),
        new Configuration(false));

    assertEquals(Optional.empty(), locator.find(), "no attempt has published an address yet");
    Files.writeString(file, "127.0.0.1:45123\n", StandardCharsets.UTF_8);
    assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 45123)), locator.find());
    Files.writeString(file, "127.0.0.1:", StandardCharsets.UTF_8);
    assertEquals(Optional.empty(), locator.find(), "half a file is no address");
  }

  @Test
  void onlyAYarnContainersEnvironmentNamesALocator() {
    assertEquals(Optional.empty(), PublishedDriverAddress.fromEnvironment(Map.of()),
        "a local-cluster child ends with its driver");
    assertTrue(PublishedDriverAddress.fromEnvironment(Map.of(ExecutorLaunchSpec.DRIVER_ADDRESS_FILE_ENV,
        "hdfs://nn:8020/user/u/.sluice-staging/app/driver-address")).isPresent());
  }
}
