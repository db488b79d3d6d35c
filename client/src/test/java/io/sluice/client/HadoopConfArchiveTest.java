package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import java.util.List;
import java.util.ArrayList;
import java.net.URLClassLoader;
import java.net.URL;
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
  void containersSeeTheClientsSettingsEvenWhereYarnHasDefaults() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", "hdfs://namenode.example:8020");
    conf.set("yarn.resourcemanager.scheduler.address", "rm.example:8030");

    Path unpacked = Files.createDirectories(dir.resolve("__hadoop_conf__"));
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(HadoopConfArchive.zip(conf)))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
        Files.write(unpacked.resolve(entry.getName()), in.readAllBytes());
      }
    }
    assertEquals(List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml"), names);

    // As in a container: the directory first on the classpath, YarnConfiguration's own loading order.
    // (A core-site.xml alone lost to yarn-default.xml's scheduler address 0.0.0.0:8030.)
    try (URLClassLoader classpath = new URLClassLoader(new URL[] {unpacked.toUri().toURL()},
        getClass().getClassLoader())) {
      YarnConfiguration container = new YarnConfiguration();
      container.setClassLoader(classpath);
      assertEquals("rm.example:8030", container.get("yarn.resourcemanager.scheduler.address"));
      assertEquals("hdfs://namenode.example:8020", container.get("fs.defaultFS"));
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
