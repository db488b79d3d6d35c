package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.internal.util.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
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

  @Test
  void aNameNodeAwayForAWhileDelaysTheHandoverInsteadOfLosingIt() throws Exception {
    // HDFS refuses the first calls, as a restarting NameNode (connection refused, then safe mode) does.
    FlakyFileSystem fs = new FlakyFileSystem(FileSystem.getLocal(new Configuration(false)), 3);
    Path appDir = new Path(dir.toUri());
    JumpingClock clock = new JumpingClock();
    AttemptHandover handover = new AttemptHandover(fs, appDir, clock, 60_000);

    handover.publishDriver(new InetSocketAddress("127.0.0.1", 41234));
    assertEquals("127.0.0.1:41234",
        Files.readString(dir.resolve(StagingLayout.DRIVER_ADDRESS), StandardCharsets.UTF_8).trim());
    assertEquals(0, fs.failuresLeft);
    assertTrue(clock.now > 0 && clock.now < 60_000, "waited between tries, within the outage wait: " + clock.now);

    fs.getRawFileSystem().create(StagingLayout.executorSpec(appDir, "exec-7")).close();
    fs.failuresLeft = 2;
    assertEquals(7, handover.executorNumbersUsed(), "not 0 while HDFS is away: a new executor would reuse exec-1");
  }

  @Test
  void anHdfsOutageLongerThanTheWaitFailsTheNumberingRatherThanGuessing() throws IOException {
    FlakyFileSystem fs = new FlakyFileSystem(FileSystem.getLocal(new Configuration(false)), Integer.MAX_VALUE);
    JumpingClock clock = new JumpingClock();
    AttemptHandover handover = new AttemptHandover(fs, new Path(dir.toUri()), clock, 10_000);
    SluiceException e = assertThrows(SluiceException.class, handover::executorNumbersUsed);
    assertTrue(e.getMessage().contains("NameNode is in safe mode"), e.getMessage());
    assertTrue(clock.now <= 10_000, "gave up at the outage wait: " + clock.now);

    handover.publishDriver(new InetSocketAddress("127.0.0.1", 41234)); // logged, not thrown
    assertFalse(Files.exists(dir.resolve(StagingLayout.DRIVER_ADDRESS)));
  }

  /** A clock whose waits return at once, having moved the time to their target. */
  private static final class JumpingClock implements Clock {
    long now;

    @Override
    public long currentTimeMillis() {
      return now;
    }

    @Override
    public long waitTillTime(long targetMillis) {
      now = Math.max(now, targetMillis);
      return now;
    }
  }

  /** The local file system, whose first {@code failuresLeft} creates, listings and status calls fail. */
  private static final class FlakyFileSystem extends FilterFileSystem {
    int failuresLeft;

    FlakyFileSystem(FileSystem local, int failures) {
      super(local);
      this.failuresLeft = failures;
    }

    private void maybeFail() throws IOException {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IOException("NameNode is in safe mode (test)");
      }
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
      maybeFail();
      return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      maybeFail();
      return super.getFileStatus(f);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      maybeFail();
      return super.listStatus(f);
    }
  }
}
