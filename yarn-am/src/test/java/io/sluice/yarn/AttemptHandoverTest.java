package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging directory as one attempt leaves it for the next, on the local file system. */
class AttemptHandoverTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void publishesTheDriverAndTheNextAttemptForgetsItAndContinuesTheExecutorNumbers() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration(false));
    Path appDir = new Path(dir.toUri());
    AttemptHandover handover = new AttemptHandover(fs, appDir);
    assertEquals(0, handover.executorNumbersUsed(), "no executor was ever staged");

    handover.publishDriver(new InetSocketAddress("127.0.0.1", 41234));
    java.nio.file.Path published = dir.resolve(StagingLayout.DRIVER_ADDRESS);
    assertEquals("127.0.0.1:41234", Files.readString(published, StandardCharsets.UTF_8).trim());

    handover.forgetPreviousDriver(1);
    assertTrue(Files.exists(published), "the first attempt has no predecessor to forget");
    handover.forgetPreviousDriver(2);
    assertFalse(Files.exists(published), "executors must not retry a dead attempt's address");

    for (String id : new String[] {"exec-2", "exec-12", "exec-3", "exec-x"}) {
      fs.create(StagingLayout.executorSpec(appDir, id)).close();
    }
    assertEquals(12, handover.executorNumbersUsed());
  }
}
