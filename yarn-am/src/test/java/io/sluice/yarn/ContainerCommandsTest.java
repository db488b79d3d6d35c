package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.util.JvmOptions;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.junit.jupiter.api.Test;

class ContainerCommandsTest {
  @Test
  void containersGetTheFilesClasspathFlagsAndLogDirectory() {
    List<StagedFile> files = List.of(new StagedFile("kryo.jar", "hdfs://nn:8020/c/kryo.jar", 5, 6, false),
        new StagedFile(ApplicationSpec.HADOOP_CONF_ARCHIVE, "hdfs://nn:8020/s/conf.zip", 7, 8, true));
    StagedFile spec = new StagedFile("launch.properties", "hdfs://nn:8020/s/e/exec-1.properties", 1, 2, false);
    ContainerLaunchContext ctx = ContainerCommands.javaContainer(files, Map.of("launch.properties", spec), 256,
        "io.sluice.executor.ExecutorMain", List.of("launch.properties", "it's"), Map.of("SLUICE_AUTH_SECRET", "ab"));

    assertEquals(LocalResourceType.ARCHIVE, ctx.getLocalResources().get(ApplicationSpec.HADOOP_CONF_ARCHIVE).getType());
    assertEquals(3, ctx.getLocalResources().size());
    assertEquals(5, ctx.getLocalResources().get("kryo.jar").getSize());
    assertEquals("ab", ctx.getEnvironment().get("SLUICE_AUTH_SECRET"));
    String classpath = ctx.getEnvironment().get("CLASSPATH");
    assertTrue(classpath.startsWith("{{PWD}}/__hadoop_conf__<CPS>"), classpath);
    assertTrue(classpath.endsWith("{{PWD}}/*"), classpath);

    String command = ctx.getCommands().get(0);
    assertTrue(command.startsWith("{{JAVA_HOME}}/bin/java -Xmx256m "), command);
    assertTrue(command.contains(String.join(" ", JvmOptions.ADD_OPENS)), command);
    assertTrue(command.contains("-Dsluice.log.dir=<LOG_DIR>"), command);
    assertTrue(command.contains("io.sluice.executor.ExecutorMain 'launch.properties' 'it'\\''s'"), command);
    assertTrue(command.endsWith("1><LOG_DIR>/stdout 2><LOG_DIR>/stderr"), command);
  }

  @Test
  void containerMemoryAddsTheOverhead() {
    assertEquals(1024 + 384, ExecutorContainers.containerMemoryMb(1024, java.util.Optional.empty()));
    assertEquals(8192 + 819, ExecutorContainers.containerMemoryMb(8192, java.util.Optional.empty()));
    assertEquals(256 + 128, ExecutorContainers.containerMemoryMb(256, java.util.Optional.of(128L)));
  }
}
