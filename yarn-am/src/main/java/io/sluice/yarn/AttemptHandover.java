package io.sluice.yarn;

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
 */
final class AttemptHandover {
  private static final Logger log = LoggerFactory.getLogger(AttemptHandover.class);

  private final FileSystem fs;
  private final Path appDir;

  AttemptHandover(FileSystem fs, Path appDir) {
    this.fs = fs;
    this.appDir = appDir;
  }

  /**
   * Written in place: a reader sees nothing until the stream is closed, and one that reads an empty
   * or partial file finds no address and looks again (a rename would cost two more NameNode calls
   * while every executor waits for this file).
   */
  void publishDriver(InetSocketAddress address) {
    Path target = StagingLayout.driverAddress(appDir);
    try (OutputStream out = fs.create(target, true)) {
      out.write((address.getHostString() + ":" + address.getPort() + "\n").getBytes(
          StandardCharsets.UTF_8));
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

  /** The highest n of the {@code exec-<n>} launch specs earlier attempts staged. */
  int executorNumbersUsed() {
    Path specs = StagingLayout.executorSpec(appDir, "x").getParent();
    int max = 0;
    try {
      if (!fs.exists(specs)) {
        return 0;
      }
      for (FileStatus status : fs.listStatus(specs)) {
        String name = status.getPath().getName();
        if (name.startsWith("exec-") && name.endsWith(".properties")) {
          try {
            max = Math.max(max, Integer.parseInt(name.substring(5, name.length() - ".properties".length())));
          } catch (NumberFormatException e) {
            log.debug("Not an executor launch spec: {}", name);
          }
        }
      }
    } catch (IOException e) {
      log.warn("Could not list earlier executors' launch specs in {}: {}", specs, e.toString());
    }
    return max;
  }
}
