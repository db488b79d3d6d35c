package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.yarn.ApplicationSpec;
import io.sluice.yarn.StagedFile;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.util.Records;
import org.junit.jupiter.api.Test;

class AmLaunchTest {
  @Test
  void theApplicationMasterGetsTheExtraJarsLastOnItsClasspath() {
    Command.Submit submit = (Command.Submit) CommandLineParser.parse(List.of("submit", "--class", "com.example.Job",
        "--jar", "app.jar", "--driver-memory", "512m"));
    ApplicationSpec spec = new ApplicationSpec("Job", "com.example.Job", List.of(), 512, Map.of(), "hdfs://nn/s",
        List.of(new StagedFile(ApplicationSpec.APP_JAR, "hdfs://nn/s/__app__.jar", 1, 2, false),
            new StagedFile("guava-33.4.0-jre.jar", "hdfs://nn/c/1/guava-33.4.0-jre.jar", 3, 4, false)),
        List.of(new StagedFile("__jars__/kafka-clients-3.7.0.jar", "hdfs://nn/c/2/kafka-clients-3.7.0.jar", 5, 6,
                false),
            new StagedFile("__jars__/guava-19.0.jar", "hdfs://nn/c/3/guava-19.0.jar", 7, 8, false)), List.of());
    ApplicationSubmissionContext context = Records.newRecord(ApplicationSubmissionContext.class);

    AmLaunch.fill(context, AppSettings.of(submit), new Staging.Staged(spec,
        new StagedFile(ApplicationSpec.FILE_NAME, "hdfs://nn/s/__sluice_app__.properties", 9, 10, false)));

    ContainerLaunchContext am = context.getAMContainerSpec();
    assertEquals(List.of("{{PWD}}/__hadoop_conf__", "{{PWD}}", "{{PWD}}/*", "{{PWD}}/__jars__/kafka-clients-3.7.0.jar",
        "{{PWD}}/__jars__/guava-19.0.jar"),
        List.of(am.getEnvironment().get("CLASSPATH").split(ApplicationConstants.CLASS_PATH_SEPARATOR)));
    assertEquals(7, am.getLocalResources().get("__jars__/guava-19.0.jar").getSize());
    assertEquals(5, am.getLocalResources().size(), am.getLocalResources().keySet().toString());
    assertEquals(null, context.getAMContainerResourceRequests(), "no node label: YARN's default AM request");
    assertEquals(true, context.getKeepContainersAcrossApplicationAttempts(),
        "executors outlive an ApplicationMaster attempt");
  }

  @Test
  void theApplicationMastersCredentialsCarryTheSecretNextToTheDelegationTokens() {
    byte[] secret = io.sluice.internal.rpc.Secrets.generate();
    org.apache.hadoop.security.Credentials tokens = new org.apache.hadoop.security.Credentials();
    org.apache.hadoop.security.token.Token<?> hdfs = new org.apache.hadoop.security.token.Token<>(new byte[] {1},
        new byte[] {2}, new org.apache.hadoop.io.Text("HDFS_DELEGATION_TOKEN"), new org.apache.hadoop.io.Text("nn:8020"));
    tokens.addToken(hdfs.getService(), hdfs);

    java.nio.ByteBuffer plain = AmLaunch.amCredentials(java.util.Optional.empty(), secret);
    java.nio.ByteBuffer kerberized = AmLaunch.amCredentials(java.util.Optional.of(
        java.nio.ByteBuffer.wrap(io.sluice.internal.cluster.DelegationTokens.write(tokens))), secret);

    org.apache.hadoop.io.Text key = new org.apache.hadoop.io.Text(
        io.sluice.internal.cluster.ExecutorLaunchSpec.SECRET_CREDENTIAL);
    org.junit.jupiter.api.Assertions.assertArrayEquals(secret, read(plain).getSecretKey(key));
    org.apache.hadoop.security.Credentials both = read(kerberized);
    org.junit.jupiter.api.Assertions.assertArrayEquals(secret, both.getSecretKey(key));
    assertEquals(hdfs, both.getToken(hdfs.getService()));
  }

  private static org.apache.hadoop.security.Credentials read(java.nio.ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return io.sluice.internal.cluster.DelegationTokens.read(bytes);
  }

  @Test
  void theDriverMemoryOverheadAndNodeLabelsShapeTheApplicationMastersRequest() {
    Command.Submit submit = (Command.Submit) CommandLineParser.parse(List.of("submit", "--class", "com.example.Job",
        "--jar", "app.jar", "--driver-memory", "512m", "--conf", "sluice.driver.memoryOverhead=100m",
        "--conf", "sluice.yarn.am.nodeLabelExpression=streaming"));
    AppSettings settings = AppSettings.of(submit);
    ApplicationSpec spec = new ApplicationSpec("Job", "com.example.Job", List.of(), 512, settings.specConf(),
        "hdfs://nn/s", List.of(), List.of(), List.of());
    ApplicationSubmissionContext context = Records.newRecord(ApplicationSubmissionContext.class);

    AmLaunch.fill(context, settings, new Staging.Staged(spec,
        new StagedFile(ApplicationSpec.FILE_NAME, "hdfs://nn/s/__sluice_app__.properties", 9, 10, false)));

    assertEquals(612, context.getResource().getMemorySize());
    assertEquals("streaming", context.getAMContainerResourceRequests().get(0).getNodeLabelExpression());
    assertEquals(612, context.getAMContainerResourceRequests().get(0).getCapability().getMemorySize());
  }
}
