package io.sluice.internal.io;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.HashMap;
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

  // The last snapshot taken of each driver configuration (usually just the context's), reused while
  // the configuration is unchanged: RDDs sharing one snapshot ship it once per task payload.
  private static final Map<Configuration, Snapshot> SNAPSHOTS = new WeakHashMap<>();

  private record Snapshot(Map<String, String> properties, SerializableConfiguration conf) {}

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

  /**
   * A serializable copy of {@code conf} as it is now: later changes to {@code conf} do not show in
   * it. While {@code conf} is unchanged, every call returns the same instance, so the many RDDs of a
   * streaming job (one per new file, say) carry a single copy of the configuration (each is ~100 KB).
   * The copy must not be modified.
   */
  public static SerializableConfiguration snapshot(Configuration conf) {
    Map<String, String> now = properties(conf);
    synchronized (SNAPSHOTS) {
      Snapshot last = SNAPSHOTS.get(conf);
      if (last != null && last.properties().equals(now)) {
        return last.conf();
      }
      SerializableConfiguration copy = new SerializableConfiguration(new Configuration(conf));
      SNAPSHOTS.put(conf, new Snapshot(now, copy));
      return copy;
    }
  }

  private static Map<String, String> properties(Configuration conf) {
    Map<String, String> all = new HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      all.put(e.getKey(), e.getValue());
    }
    return all;
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
