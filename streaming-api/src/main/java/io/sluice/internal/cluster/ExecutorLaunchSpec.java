package io.sluice.internal.cluster;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything an executor process needs to join its application, written by whoever starts it (the
 * local-cluster backend, the YARN ApplicationMaster) as a properties file. The secret is not part of
 * it: it travels separately and is never logged. A local-cluster child gets it in the
 * {@value #SECRET_ENV} environment variable; a YARN container gets it as the secret key
 * {@value #SECRET_CREDENTIAL} of its credentials, since YARN writes a container's environment into
 * a launch script that others on the node may read, while its credentials file is the container
 * owner's alone.
 *
 * @param bindHost the address the executor's block server listens on and advertises
 * @param conf the application's configuration, so both sides serialize alike
 */
public record ExecutorLaunchSpec(String driverHost, int driverPort, String executorId, int cores, long memoryMb,
                                 String bindHost, Map<String, String> conf) {

  /** Hex-encoded application secret; absent when authentication is off. */
  public static final String SECRET_ENV = "SLUICE_AUTH_SECRET";

  /**
   * A YARN container's file-system path (URI) of the file where the current driver publishes its
   * {@code host:port}: read by an executor that lost its driver to find the next attempt's.
   */
  public static final String DRIVER_ADDRESS_FILE_ENV = "SLUICE_DRIVER_ADDRESS_FILE";

  /** The name of the application secret among a YARN container's credentials (Hadoop secret keys). */
  public static final String SECRET_CREDENTIAL = "sluice.auth.secret";

  private static final String CONF_PREFIX = "conf.";

  public ExecutorLaunchSpec {
    conf = Map.copyOf(conf);
  }

  /** The same spec for an executor that listens on {@code host} (known once YARN placed its container). */
  public ExecutorLaunchSpec withBindHost(String host) {
    return new ExecutorLaunchSpec(driverHost, driverPort, executorId, cores, memoryMb, host, conf);
  }

  public void write(Path file) {
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      write(out);
    } catch (IOException e) {
      throw new SluiceException("Could not write the executor launch spec " + file + ": " + e, e);
    }
  }

  /** Writes the spec as a properties file (e.g. into a YARN staging directory). */
  public void write(java.io.OutputStream stream) throws IOException {
    Properties p = new Properties();
    p.setProperty("driver.host", driverHost);
    p.setProperty("driver.port", Integer.toString(driverPort));
    p.setProperty("executor.id", executorId);
    p.setProperty("executor.cores", Integer.toString(cores));
    p.setProperty("executor.memoryMb", Long.toString(memoryMb));
    p.setProperty("bind.host", bindHost);
    new TreeMap<>(conf).forEach((k, v) -> p.setProperty(CONF_PREFIX + k, v));
    Writer out = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
    p.store(out, "Sluice executor launch spec");
    out.flush();
  }

  /** @throws SluiceException naming the file and the missing or bad entry */
  public static ExecutorLaunchSpec read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new SluiceException("Could not read the executor launch spec " + file + ": " + e, e);
    }
    Map<String, String> conf = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(CONF_PREFIX)) {
        conf.put(key.substring(CONF_PREFIX.length()), p.getProperty(key));
      }
    }
    return new ExecutorLaunchSpec(required(p, file, "driver.host"), number(p, file, "driver.port"),
        required(p, file, "executor.id"), number(p, file, "executor.cores"), number(p, file, "executor.memoryMb"),
        required(p, file, "bind.host"), conf);
  }

  private static String required(Properties p, Path file, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new SluiceException("Executor launch spec " + file + " has no '" + key + "'");
    }
    return value.trim();
  }

  private static int number(Properties p, Path file, String key) {
    String value = required(p, file, key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new SluiceException("Executor launch spec " + file + ": '" + key + "' is not a number: " + value);
    }
  }
}
