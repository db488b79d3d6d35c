package io.sluice.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * The client's effective Hadoop configuration as a zip: containers unpack it into
 * {@code __hadoop_conf__/}, first on their classpath, so they reach the same file system and
 * ResourceManager as the client whatever the node's own configuration says. The same complete
 * settings are written as core-site, hdfs-site and yarn-site: a single core-site.xml is not enough,
 * because YarnConfiguration loads yarn-default.xml after core-site.xml, so YARN's defaults (e.g. a
 * scheduler address of 0.0.0.0:8030) would win over the client's values.
 */
final class HadoopConfArchive {
  private static final java.util.List<String> ENTRIES = HadoopConf.SITE_FILES;

  private HadoopConfArchive() {}

  static byte[] zip(Configuration conf) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String entry : ENTRIES) {
        zip.putNextEntry(new ZipEntry(entry));
        // Our own writer, flushed here: the entry must be complete before it is closed.
        Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        conf.writeXml(writer);
        writer.flush();
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
