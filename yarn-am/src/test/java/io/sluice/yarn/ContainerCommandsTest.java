package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.util.JvmOptions;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.junit.jupiter.api.Test;

class ContainerCommandsTest {
  private static final List<StagedFile> FILES = List.of(
      new StagedFile(ApplicationSpec.APP_JAR, "hdfs://nn:8020/s/__app__.jar", 3, 4, false),
      new StagedFile("kryo.jar", "hdfs://nn:8020/c/kryo.jar", 5, 6, false),
      new StagedFile(ApplicationSpec.HADOOP_CONF_ARCHIVE, "hdfs://nn:8020/s/conf.zip", 7, 8, true));
  private static final StagedFile SPEC_FILE =
      new StagedFile("launch.properties", "hdfs://nn:8020/s/e/exec-1.properties", 1, 2, false);

  private static ApplicationSpec app(List<StagedFile> extraJars) {
    return app(extraJars, Map.of(), List.of());
  }

  private static ApplicationSpec app(List<StagedFile> extraJars, Map<String, String> conf, List<StagedFile> userFiles) {
    return new ApplicationSpec("app", "com.example.Job", List.of(), 256, conf, "hdfs://nn:8020/s", FILES,
        extraJars, userFiles);
  }

  private static List<String> classpath(ContainerLaunchContext ctx) {
    return List.of(ctx.getEnvironment().get("CLASSPATH").split(ApplicationConstants.CLASS_PATH_SEPARATOR, -1));
  }

  @Test
  void containersGetTheFilesClasspathFlagsAndLogDirectory() {
    ContainerLaunchContext ctx = ContainerCommands.javaContainer(app(List.of()), ContainerCommands.Role.EXECUTOR,
        Map.of("launch.properties", SPEC_FILE), 256, "io.sluice.executor.ExecutorMain",
        List.of("launch.properties", "it's"));

    assertEquals(LocalResourceType.ARCHIVE, ctx.getLocalResources().get(ApplicationSpec.HADOOP_CONF_ARCHIVE).getType());
    assertEquals(4, ctx.getLocalResources().size());
    assertEquals(5, ctx.getLocalResources().get("kryo.jar").getSize());
    // Without --jars the classpath is what it always was.
    assertEquals(List.of("{{PWD}}/__hadoop_conf__", "{{PWD}}", "{{PWD}}/*"), classpath(ctx));

    String command = ctx.getCommands().get(0);
    assertTrue(command.startsWith("{{JAVA_HOME}}/bin/java -Xmx256m "), command);
    assertTrue(command.contains(String.join(" ", JvmOptions.ADD_OPENS)), command);
    assertTrue(command.contains("-Dsluice.log.dir=<LOG_DIR>"), command);
    assertTrue(command.contains("io.sluice.executor.ExecutorMain 'launch.properties' 'it'\\''s'"), command);
    // Appended: the JVM's System.out/err roll in files of the same names (ContainerOutput).
    assertTrue(command.endsWith("1>><LOG_DIR>/stdout 2>><LOG_DIR>/stderr"), command);
    assertTrue(command.contains("'-Dsluice.log.maxSizeMb=64' '-Dsluice.log.maxFiles=5' io.sluice"), command);
  }

  @Test
  void extraJarsAreLocalizedInTheirDirectoryAndComeLastInTheGivenOrder() {
    // A name a runtime jar also has: it lives in __jars__/, so neither replaces the other.
    ApplicationSpec app = app(List.of(
        new StagedFile(ApplicationSpec.extraJarName("kryo.jar"), "hdfs://nn:8020/c/aa/kryo.jar", 9, 10, false),
        new StagedFile(ApplicationSpec.extraJarName("kafka-clients-3.7.0.jar"), "hdfs://nn:8020/c/bb/k.jar", 11, 12,
            false),
        new StagedFile(ApplicationSpec.extraJarName("guava-19.0.jar"), "hdfs://nn:8020/c/cc/g.jar", 13, 14, false)));
    List<String> expected = List.of("{{PWD}}/__hadoop_conf__", "{{PWD}}", "{{PWD}}/*", "{{PWD}}/__jars__/kryo.jar",
        "{{PWD}}/__jars__/kafka-clients-3.7.0.jar", "{{PWD}}/__jars__/guava-19.0.jar");

    ContainerLaunchContext am = ContainerCommands.javaContainer(app, ContainerCommands.Role.APPLICATION_MASTER,
        Map.of(ApplicationSpec.FILE_NAME, SPEC_FILE), 256, "io.sluice.yarn.ApplicationMasterMain", List.of());
    ContainerLaunchContext executor = StagedLaunchContexts.launchContext(app,
        new ExecutorLaunchSpec("driver", 7077, "exec-1", 1, 128, "node-1", Map.of()), SPEC_FILE, null);

    for (ContainerLaunchContext ctx : List.of(am, executor)) {
      assertEquals(expected, classpath(ctx));
      assertEquals(7, ctx.getLocalResources().size(), ctx.getLocalResources().keySet().toString());
      assertEquals(5, ctx.getLocalResources().get("kryo.jar").getSize());
      assertEquals(9, ctx.getLocalResources().get("__jars__/kryo.jar").getSize());
      assertEquals(LocalResourceType.FILE, ctx.getLocalResources().get("__jars__/guava-19.0.jar").getType());
    }
    assertTrue(executor.getCommands().get(0).contains("io.sluice.executor.ExecutorMain 'launch.properties'"));
    assertTrue(executor.getLocalResources().containsKey("launch.properties"));
  }

  @Test
  void eachRoleGetsItsOwnJavaOptionsAndEnvironmentAndEveryContainerTheUserFiles() {
    ApplicationSpec app = app(List.of(), Map.of(
        "sluice.driver.extraJavaOptions", "-XX:+UseG1GC -Dgreeting='hello world'",
        "sluice.executor.extraJavaOptions", "-XX:+UseParallelGC",
        "sluice.yarn.appMasterEnv.ROLE", "driver", "sluice.executorEnv.ROLE", "executor",
        "sluice.yarn.log.maxSize", "2m", "sluice.yarn.log.maxFiles", "3"),
        List.of(new StagedFile("words.txt", "hdfs://nn:8020/s/files/words.txt/w.txt", 15, 16, false),
            new StagedFile("model", "hdfs://nn:8020/data/model.tgz", 17, 18, true)));
    ContainerLaunchContext am = ContainerCommands.javaContainer(app, ContainerCommands.Role.APPLICATION_MASTER,
        Map.of(), 256, "io.sluice.yarn.ApplicationMasterMain", List.of());
    ContainerLaunchContext executor = StagedLaunchContexts.launchContext(app,
        new ExecutorLaunchSpec("driver", 7077, "exec-1", 1, 128, "node-1", Map.of()), SPEC_FILE, null);

    String amCommand = am.getCommands().get(0);
    assertTrue(amCommand.contains("'-XX:+UseG1GC' '-Dgreeting=hello world' "), amCommand);
    assertTrue(amCommand.contains("'-Dsluice.log.maxSizeMb=2' '-Dsluice.log.maxFiles=3'"), amCommand);
    assertTrue(!amCommand.contains("UseParallelGC"), amCommand);
    assertTrue(executor.getCommands().get(0).contains("'-XX:+UseParallelGC' "), executor.getCommands().get(0));
    assertEquals("driver", am.getEnvironment().get("ROLE"));
    assertEquals("executor", executor.getEnvironment().get("ROLE"));
    for (ContainerLaunchContext ctx : List.of(am, executor)) {
      assertEquals(LocalResourceType.FILE, ctx.getLocalResources().get("words.txt").getType());
      assertEquals(LocalResourceType.ARCHIVE, ctx.getLocalResources().get("model").getType());
      assertEquals(List.of("{{PWD}}/__hadoop_conf__", "{{PWD}}", "{{PWD}}/*"), classpath(ctx));
    }
  }

  @Test
  void badContainerOptionsAreRefusedNamingTheKey() {
    Map<String, String> bad = Map.of(
        "sluice.driver.extraJavaOptions", "-Xmx4g", "sluice.executor.extraJavaOptions", "-Dx='unclosed",
        "sluice.executorEnv.CLASSPATH", "/x", "sluice.yarn.appMasterEnv.1BAD", "v",
        "sluice.yarn.am.nodeLabelExpression", "gpu && ssd", "sluice.executor.extraJavaOptions ", "-Dsluice.master=x");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      io.sluice.core.SluiceException thrown = org.junit.jupiter.api.Assertions.assertThrows(
          io.sluice.core.SluiceException.class, () -> ContainerOptions.of(Map.of(e.getKey().trim(), e.getValue())));
      assertTrue(thrown.getMessage().contains(e.getKey().trim()), thrown.getMessage());
    }
    ContainerOptions good = ContainerOptions.of(Map.of("sluice.yarn.executor.nodeLabelExpression", "gpu_nodes-1",
        "sluice.executor.extraJavaOptions", "-XX:+UseG1GC \"-Dpath=/a b\" -Dq=\\'x\\'"));
    assertEquals(java.util.Optional.of("gpu_nodes-1"), good.executorNodeLabel());
    assertEquals(List.of("-XX:+UseG1GC", "-Dpath=/a b", "-Dq='x'"), good.executorJavaOptions());
  }

  @Test
  void containerMemoryAddsTheOverhead() {
    assertEquals(1024 + 384, ExecutorContainers.containerMemoryMb(1024, java.util.Optional.empty()));
    assertEquals(8192 + 819, ExecutorContainers.containerMemoryMb(8192, java.util.Optional.empty()));
    assertEquals(256 + 128, ExecutorContainers.containerMemoryMb(256, java.util.Optional.of(128L)));
  }

  @Test
  void anExecutorGetsTheSecretInItsCredentialsAndNotInItsEnvironment() throws Exception {
    byte[] secret = io.sluice.internal.rpc.Secrets.generate();
    ContainerLaunchContext executor = StagedLaunchContexts.launchContext(app(List.of()),
        new ExecutorLaunchSpec("driver", 7077, "exec-1", 1, 128, "node-1", Map.of()), SPEC_FILE, secret);

    String hex = io.sluice.internal.rpc.Secrets.toHex(secret);
    assertTrue(executor.getEnvironment().keySet().stream().noneMatch(k -> k.equals(ExecutorLaunchSpec.SECRET_ENV)),
        executor.getEnvironment().keySet().toString());
    assertTrue(executor.getEnvironment().values().stream().noneMatch(v -> v.contains(hex)), "secret in the environment");
    assertTrue(executor.getCommands().stream().noneMatch(c -> c.contains(hex)), "secret on the command line");

    org.apache.hadoop.security.Credentials credentials = new org.apache.hadoop.security.Credentials();
    java.nio.ByteBuffer tokens = executor.getTokens();
    byte[] bytes = new byte[tokens.remaining()];
    tokens.duplicate().get(bytes);
    credentials.readTokenStorageStream(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
    assertTrue(java.util.Arrays.equals(secret,
        credentials.getSecretKey(new org.apache.hadoop.io.Text(ExecutorLaunchSpec.SECRET_CREDENTIAL))));
    assertEquals(0, credentials.numberOfTokens(), "none of the ApplicationMaster's tokens");
  }
}
