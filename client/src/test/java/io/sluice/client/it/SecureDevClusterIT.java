package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.devcluster.DevCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.UserGroupInformation.AuthenticationMethod;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Kerberos-secured dev cluster: who may use HDFS and YARN, with what credentials, and a YARN
 * application that gets its files and HDFS access through a delegation token only.
 */
class SecureDevClusterIT {
  private static final String TEXT = "secured by Kerberos";

  private static DevCluster cluster;
  private static Configuration clientConf;
  private static UserGroupInformation user;
  private static Path file;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = DevCluster.builder().secure(true).nodeManagers(1).amExpiry(SharedDevCluster.AM_EXPIRY)
        .workDir(java.nio.file.Path.of("target", "it-clusters", SecureDevClusterIT.class.getSimpleName())).start();
    System.out.printf("Secure DevCluster started in %d ms (HDFS %s, realm %s)%n", cluster.startDuration().toMillis(),
        cluster.fsUri(), cluster.kdcRealm());
    clientConf = confFromConfDir();
    user = UserGroupInformation.loginUserFromKeytabAndReturnUGI(cluster.userPrincipal(), cluster.userKeytab().toString());
    file = new Path(cluster.fsUri().toString(), "/user/" + System.getProperty("user.name") + "/secure-it/text.txt");
    as(user, () -> {
      try (FileSystem fs = FileSystem.newInstance(cluster.fsUri(), clientConf);
           OutputStream out = fs.create(file, true)) {
        out.write(TEXT.getBytes(StandardCharsets.UTF_8));
      }
      return null;
    });
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void confDirDescribesAKerberizedCluster() throws Exception {
    assertTrue(cluster.isSecure());
    assertEquals("kerberos", clientConf.get("hadoop.security.authentication"));
    assertEquals("true", clientConf.get("hadoop.security.authorization"));
    assertEquals("authentication", clientConf.get("dfs.data.transfer.protection"));
    assertTrue(Files.isRegularFile(cluster.krb5Conf()));
    assertTrue(Files.readString(cluster.krb5Conf()).contains(cluster.kdcRealm()));
    assertTrue(Files.isRegularFile(cluster.userKeytab()));
    assertEquals(cluster.confDir(), cluster.userKeytab().getParent());
    assertEquals(System.getProperty("user.name") + "@" + cluster.kdcRealm(), cluster.userPrincipal());
    assertEquals(AuthenticationMethod.KERBEROS, user.getAuthenticationMethod());
  }

  @Test
  void keytabUserWritesAndReadsHdfsAndListsYarnNodes() throws Exception {
    assertEquals(TEXT, as(user, () -> read(file)));
    FileStatus status = as(user, () -> {
      try (FileSystem fs = FileSystem.newInstance(cluster.fsUri(), clientConf)) {
        return fs.getFileStatus(file);
      }
    });
    assertEquals(System.getProperty("user.name"), status.getOwner());
    List<NodeReport> nodes = as(user, () -> {
      try (YarnClient yarn = SharedDevCluster.newYarnClient(clientConf)) {
        return yarn.getNodeReports(NodeState.RUNNING);
      }
    });
    assertEquals(1, nodes.size(), nodes.toString());
  }

  @Test
  void userWithoutKerberosCredentialsIsRefused() {
    UserGroupInformation nobody = UserGroupInformation.createRemoteUser("nobody");
    assertEquals(AuthenticationMethod.SIMPLE, nobody.getAuthenticationMethod());
    IOException e = assertThrows(IOException.class, () -> as(nobody, () -> read(file)));
    String message = String.valueOf(e);
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      message += " / " + cause;
    }
    // The NameNode offers only these methods; a user with neither cannot connect.
    assertTrue(message.contains("Client cannot authenticate via:[TOKEN, KERBEROS]"), message);
  }

  @Test
  void delegationTokenAloneGrantsRead() throws Exception {
    Credentials credentials = hdfsDelegationToken();
    UserGroupInformation tokenOnly = UserGroupInformation.createRemoteUser(System.getProperty("user.name"));
    tokenOnly.addCredentials(credentials);
    tokenOnly.setAuthenticationMethod(AuthenticationMethod.TOKEN);
    assertEquals(TEXT, as(tokenOnly, () -> read(file)));
  }

  @Test
  void yarnApplicationLocalizesFromHdfsAndReadsItWithTheDelegationToken() throws Exception {
    Credentials credentials = hdfsDelegationToken();
    DataOutputBuffer tokens = new DataOutputBuffer();
    credentials.writeTokenStorageToStream(tokens);

    FileStatus status = as(user, () -> {
      try (FileSystem fs = FileSystem.newInstance(cluster.fsUri(), clientConf)) {
        return fs.getFileStatus(file);
      }
    });
    LocalResource resource = LocalResource.newInstance(URL.fromPath(status.getPath()), LocalResourceType.FILE,
        LocalResourceVisibility.APPLICATION, status.getLen(), status.getModificationTime());
    String log = ApplicationConstants.LOG_DIR_EXPANSION_VAR;
    List<String> command = new ArrayList<>(List.of(ApplicationConstants.Environment.JAVA_HOME.$$() + "/bin/java",
        "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.security.krb5.conf=" + cluster.krb5Conf()));
    command.addAll(List.of(SecureTestAm.class.getName(), "payload.txt", file.toString(), "'" + TEXT + "'",
        "1>" + log + "/stdout", "2>" + log + "/stderr"));
    // Containers run on this machine: the conf dir, then this JVM's classpath.
    String classpath = cluster.confDir() + ":" + System.getProperty("java.class.path");
    ContainerLaunchContext launch = ContainerLaunchContext.newInstance(Map.of("payload.txt", resource),
        Map.of("CLASSPATH", classpath), List.of(String.join(" ", command)),
        null, ByteBuffer.wrap(tokens.getData(), 0, tokens.getLength()), null);

    ApplicationId id;
    try (YarnClient yarn = as(user, () -> SharedDevCluster.newYarnClient(clientConf))) {
      id = as(user, () -> {
        YarnClientApplication app = yarn.createApplication();
        ApplicationSubmissionContext context = app.getApplicationSubmissionContext();
        context.setApplicationName("secure-dev-cluster-it");
        context.setQueue("default");
        context.setResource(Resource.newInstance(256, 1));
        context.setAMContainerSpec(launch);
        context.setMaxAppAttempts(1);
        return yarn.submitApplication(context);
      });
      ApplicationReport report = awaitEnd(yarn, id, Duration.ofSeconds(60));
      assertEquals(YarnApplicationState.FINISHED, report.getYarnApplicationState(), describe(report));
      assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus(), describe(report));
      assertEquals(System.getProperty("user.name"), report.getUser());
    }
  }

  private ApplicationReport awaitEnd(YarnClient yarn, ApplicationId id, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ApplicationReport report = as(user, () -> yarn.getApplicationReport(id));
      YarnApplicationState state = report.getYarnApplicationState();
      if (state == YarnApplicationState.FINISHED || state == YarnApplicationState.FAILED
          || state == YarnApplicationState.KILLED) {
        return report;
      }
      if (System.nanoTime() > deadline) {
        fail("application still " + state + " after " + timeout + ": " + describe(report));
      }
      Thread.sleep(250);
    }
  }

  /** The report's state and diagnostics, and the AM container's stdout and stderr. */
  private String describe(ApplicationReport report) {
    StringBuilder text = new StringBuilder(report.getYarnApplicationState() + "/" + report.getFinalApplicationStatus()
        + ": " + report.getDiagnostics());
    try (Stream<java.nio.file.Path> files = Files.walk(cluster.workDir().resolve("yarn"))) {
      files.filter(f -> f.toString().contains(report.getApplicationId().toString()))
          .filter(f -> f.getFileName().toString().matches("stdout|stderr"))
          .forEach(f -> {
            try {
              text.append("\n").append(f).append(":\n").append(Files.readString(f));
            } catch (IOException e) {
              text.append("\n").append(f).append(": ").append(e);
            }
          });
    } catch (IOException e) {
      text.append("\n(no container logs: ").append(e).append(")");
    }
    return text.toString();
  }

  /** An HDFS delegation token of the keytab user that the ResourceManager may renew. */
  private static Credentials hdfsDelegationToken() throws Exception {
    Credentials credentials = new Credentials();
    String renewer = clientConf.get(YarnConfiguration.RM_PRINCIPAL);
    Token<?>[] added = as(user, () -> {
      try (FileSystem fs = FileSystem.newInstance(cluster.fsUri(), clientConf)) {
        return fs.addDelegationTokens(renewer, credentials);
      }
    });
    assertEquals(1, added.length);
    assertEquals("HDFS_DELEGATION_TOKEN", added[0].getKind().toString());
    assertNotNull(credentials.getToken(added[0].getService()));
    return credentials;
  }

  private static String read(Path path) throws IOException {
    try (FileSystem fs = FileSystem.newInstance(cluster.fsUri(), clientConf); InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static <T> T as(UserGroupInformation ugi, PrivilegedExceptionAction<T> action) throws IOException {
    try {
      return ugi.doAs(action);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The configuration a process sees with HADOOP_CONF_DIR=confDir: the site files only. */
  private static Configuration confFromConfDir() throws IOException {
    YarnConfiguration conf = new YarnConfiguration();
    try (Stream<java.nio.file.Path> files = Files.list(cluster.confDir())) {
      files.filter(f -> f.getFileName().toString().endsWith("-site.xml"))
          .forEach(f -> conf.addResource(new Path(f.toUri())));
    }
    return conf;
  }
}
