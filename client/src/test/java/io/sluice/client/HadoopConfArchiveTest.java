package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopConfArchiveTest {
  @TempDir Path dir;

  @Test
  void zipHoldsOneCoreSiteWithTheClientsSettings() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", "hdfs://namenode.example:8020");
    conf.set("yarn.resourcemanager.address", "rm.example:8032");

    byte[] zip = HadoopConfArchive.zip(conf);

    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry = in.getNextEntry();
      assertEquals("core-site.xml", entry.getName());
      Configuration read = new Configuration(false);
      read.addResource(new ByteArrayInputStream(in.readAllBytes()));
      assertEquals("hdfs://namenode.example:8020", read.get("fs.defaultFS"));
      assertEquals("rm.example:8032", read.get("yarn.resourcemanager.address"));
      assertNull(in.getNextEntry());
    }
  }

  @Test
  void readsTheSiteFilesOfHadoopConfDir() throws Exception {
    Files.writeString(dir.resolve("yarn-site.xml"), """
        <configuration>
          <property><name>yarn.resourcemanager.address</name><value>rm.example:8032</value></property>
        </configuration>
        """);
    assertEquals("rm.example:8032",
        HadoopConf.load(Map.of("HADOOP_CONF_DIR", dir.toString())).get("yarn.resourcemanager.address"));
  }
}
