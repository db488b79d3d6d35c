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
 * The client's effective Hadoop configuration as a zip holding one {@code core-site.xml}: containers
 * unpack it into {@code __hadoop_conf__/}, first on their classpath, so they reach the same file system
 * and ResourceManager as the client whatever the node's own configuration says. Every key is in that
 * one file because {@code Configuration} always loads core-site.xml.
 */
final class HadoopConfArchive {
  static final String ENTRY = "core-site.xml";

  private HadoopConfArchive() {}

  static byte[] zip(Configuration conf) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(ENTRY));
      // Our own writer, flushed here: the entry must be complete before it is closed.
      Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
      conf.writeXml(writer);
      writer.flush();
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
