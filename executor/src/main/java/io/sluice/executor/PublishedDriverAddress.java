package io.sluice.executor;

import io.sluice.internal.cluster.DriverLocator;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the driver through the {@code host:port} file each ApplicationMaster attempt writes into
 * the application's staging directory once its RPC server listens. Read with the container's own
 * Hadoop configuration and delegation tokens. Absent file: no driver yet.
 */
final class PublishedDriverAddress implements DriverLocator {
  private final Path file;
  private final Configuration hadoopConf;

  PublishedDriverAddress(Path file, Configuration hadoopConf) {
    this.file = file;
    this.hadoopConf = hadoopConf;
  }

  /** The locator a YARN container's environment names; empty outside YARN (local-cluster children). */
  static Optional<DriverLocator> fromEnvironment(Map<String, String> env) {
    String location = env.get(io.sluice.internal.cluster.ExecutorLaunchSpec.DRIVER_ADDRESS_FILE_ENV);
    if (location == null || location.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new PublishedDriverAddress(new Path(URI.create(location)), new Configuration()));
  }

  @Override
  public Optional<InetSocketAddress> find() throws IOException {
    FileSystem fs = file.getFileSystem(hadoopConf);
    String text;
    try (InputStream in = fs.open(file)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    return parse(text);
  }

  /** {@code host:port}; empty for anything else (e.g. a file still being replaced). */
  static Optional<InetSocketAddress> parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1).trim());
      return port > 0 && port < 65536
          ? Optional.of(new InetSocketAddress(text.substring(0, colon), port))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
