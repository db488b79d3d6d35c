package io.sluice.yarn;

import io.sluice.core.SluiceException;
import io.sluice.internal.util.Clock;
import io.sluice.internal.util.MonotonicClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one ApplicationMaster attempt leaves in the staging directory for the executors and the
 * attempts after it: the driver's address ({@link StagingLayout#driverAddress}), which executors
 * that outlived an attempt poll to find the next one, and the executor launch specs, whose numbers
 * the next attempt continues so that a new executor never takes the id of one that may come back.
 *
 * <p>A new attempt often starts right after a failure that hit HDFS too (a NameNode restart while
 * the AM died, say): then the NameNode refuses connections or is in safe mode for a while. Publishing
 * the address and reading the launch specs are retried for {@link #HDFS_OUTAGE_WAIT_MS}, or the kept
 * executors never find this attempt (and are replaced after the adoption wait), or a new executor
 * reuses the id of a kept one.
 */
final class AttemptHandover {
  private static final Logger log = LoggerFactory.getLogger(AttemptHandover.class);
  /**
   * How long HDFS may be away before an attempt gives up on the handover: a NameNode restart, safe
   * mode included, takes seconds to a minute on a small cluster; kept executors wait for the driver
   * about as long ({@code sluice.executor.driverLossTimeout}).
   */
  static final long HDFS_OUTAGE_WAIT_MS = 60_000;
  private static final long FIRST_RETRY_DELAY_MS = 100;
  private static final long MAX_RETRY_DELAY_MS = 2_000;

  private final FileSystem fs;
  private final Path appDir;
  private final Clock clock;
  private final long outageWaitMs;

  AttemptHandover(FileSystem fs, Path appDir) {
    this(fs, appDir, new MonotonicClock(), HDFS_OUTAGE_WAIT_MS);
  }

  AttemptHandover(FileSystem fs, Path appDir, Clock clock, long outageWaitMs) {
    this.fs = fs;
    this.appDir = appDir;
    this.clock = clock;
    this.outageWaitMs = outageWaitMs;
  }

  private interface HdfsCall<T> {
    T call() throws IOException;
  }

  /** {@code call}'s result, retried with a growing delay while it throws, for up to the outage wait. */
  private <T> T retrying(String what, HdfsCall<T> call) throws IOException {
    long deadline = clock.currentTimeMillis() + outageWaitMs;
    long delay = FIRST_RETRY_DELAY_MS;
    int failures = 0;
    while (true) {
      try {
        T result = call.call();
        if (failures > 0) {
          log.info("{} succeeded after {} failure(s)", what, failures);
        }
        return result;
      } catch (IOException e) {
        failures++;
        long now = clock.currentTimeMillis();
        if (now + delay > deadline) {
          throw e;
        }
        // The first failure says why (e.g. SafeModeException); the retries would only repeat it.
        if (failures == 1) {
          log.warn("{} failed, retrying for up to {} ms: {}", what, outageWaitMs, e.toString());
        }
        try {
          clock.waitTillTime(now + delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delay = Math.min(MAX_RETRY_DELAY_MS, delay * 2);
      }
    }
  }

  /**
   * Written in place: a reader sees nothing until the stream is closed, and one that reads an empty
   * or partial file finds no address and looks again (a rename would cost two more NameNode calls
   * while every executor waits for this file). Blocks while HDFS is away, up to the outage wait: the
   * caller (the driver's start) has nothing to do that does not need HDFS anyway.
   */
  void publishDriver(InetSocketAddress address) {
    Path target = StagingLayout.driverAddress(appDir);
    byte[] line = (address.getHostString() + ":" + address.getPort() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      retrying("Publishing the driver's address in " + target, () -> {
        try (OutputStream out = fs.create(target, true)) {
          out.write(line);
        }
        return null;
      });
    } catch (IOException e) {
      log.warn("Could not publish the driver's address in {}: {}; executors of earlier attempts will not find it",
          target, e.toString());
      return;
    }
    log.info("Published the driver's address {}:{} in {}", address.getHostString(), address.getPort(), target);
  }

  /** An earlier attempt's address is dead: executors must not retry it while this attempt starts. */
  void forgetPreviousDriver(int attempt) {
    if (attempt <= 1) {
      return;
    }
    try {
      fs.delete(StagingLayout.driverAddress(appDir), false);
    } catch (IOException e) {
      log.debug("Could not remove the previous driver address: {}", e.toString());
    }
  }

  /**
   * The highest n of the {@code exec-<n>} launch specs earlier attempts staged.
   *
   * @throws SluiceException when HDFS cannot list them within the outage wait: guessing could give a
   *     new executor the id of a kept one, so the attempt fails instead
   */
  int executorNumbersUsed() {
    Path specs = StagingLayout.executorSpec(appDir, "x").getParent();
    FileStatus[] staged;
    try {
      staged = retrying("Listing earlier executors' launch specs in " + specs,
          () -> fs.exists(specs) ? fs.listStatus(specs) : new FileStatus[0]);
    } catch (IOException e) {
      throw new SluiceException("Cannot list earlier executors' launch specs in " + specs + " to number new"
          + " executors after them: " + e.getMessage(), e);
    }
    int max = 0;
    for (FileStatus status : staged) {
      String name = status.getPath().getName();
      if (name.startsWith("exec-") && name.endsWith(".properties")) {
        try {
          max = Math.max(max, Integer.parseInt(name.substring(5, name.length() - ".properties".length())));
        } catch (NumberFormatException e) {
          log.debug("Not an executor launch spec: {}", name);
        }
      }
    }
    return max;
  }
}
