package io.sluice.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The client's Hadoop configuration: the *-site.xml files on the classpath (how the {@code hadoop} and
 * {@code yarn} scripts pass the conf dir), plus those of {@code $HADOOP_CONF_DIR}, which Hadoop's
 * {@code Configuration} does not read by itself. The later files win.
 */
final class HadoopConf {
  static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml");

  private HadoopConf() {}

  static YarnConfiguration load(Map<String, String> env) {
    YarnConfiguration conf = new YarnConfiguration();
    String confDir = env.get("HADOOP_CONF_DIR");
    if (confDir != null && !confDir.isBlank()) {
      for (String name : SITE_FILES) {
        Path file = Path.of(confDir, name);
        if (Files.isRegularFile(file)) {
          conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
        }
      }
    }
    return conf;
  }
}
