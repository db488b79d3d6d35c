package io.sluice.internal.io;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Builds Hadoop {@link Configuration}s from Sluice settings and opens file systems with errors
 * that name the path. Every {@code sluice.hadoop.X=v} setting becomes {@code X=v}, so HDFS and
 * S3A options can be passed through a {@link SluiceConf} (or {@code -Dsluice.hadoop.X=v}).
 */
public final class HadoopConfs {
  /** The prefix of Sluice settings copied into Hadoop configurations, without it. */
  public static final String PREFIX = "sluice.hadoop.";

  // Executors build their Hadoop configuration from their SluiceConf; parsing the default XML
  // resources costs milliseconds, so one is kept per SluiceConf instance (weakly, as confs come and go).
  private static final Map<SluiceConf, Configuration> EXECUTOR_CONFS = new WeakHashMap<>();

  private HadoopConfs() {}

  /** {@code new Configuration()} (site files on the classpath apply) plus the {@code sluice.hadoop.*} settings. */
  public static Configuration fromSluiceConf(SluiceConf conf) {
    Configuration hadoop = new Configuration();
    for (Map.Entry<String, String> e : conf.getAll().entrySet()) {
      String key = e.getKey();
      if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
        hadoop.set(key.substring(PREFIX.length()), e.getValue(), "SluiceConf " + key);
      }
    }
    return hadoop;
  }

  /**
   * A shared configuration for code running on an executor that was not handed one by the driver
   * (e.g. reading checkpoint files). Callers must not modify it.
   */
  static Configuration forExecutor(SluiceConf conf) {
    synchronized (EXECUTOR_CONFS) {
      return EXECUTOR_CONFS.computeIfAbsent(conf, HadoopConfs::fromSluiceConf);
    }
  }

  /** The file system of {@code path}; an unknown scheme or unreachable name node becomes a SluiceException. */
  static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new SluiceException("Cannot open the file system of " + path + ": " + e.getMessage(), e);
    }
  }

  /** {@code path} made absolute with its file system's scheme and authority. */
  static Path qualify(Path path, Configuration conf) {
    return fileSystem(path, conf).makeQualified(path);
  }
}
