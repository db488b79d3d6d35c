package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.devcluster.DevCluster;
import io.sluice.internal.util.JvmOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streaming application on a kerberized dev cluster whose delegation tokens live 20 s (renewal
 * interval) and at most 60 s: submitted with {@code --principal}/{@code --keytab} by a client in its
 * own process (as a user runs it), it checkpoints and writes to HDFS for more than twice the tokens'
 * maximum lifetime and survives an ApplicationMaster kill after it, with exact totals.
 */
class SecureYarnStreamingIT {
  private static final Duration RENEW_INTERVAL = Duration.ofSeconds(20);
  private static final Duration MAX_LIFETIME = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(150);

  private static DevCluster cluster;
  private static UserGroupInformation user;
  private static Configuration conf;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = DevCluster.builder().secure(true).nodeManagers(1).amExpiry(SharedDevCluster.AM_EXPIRY)
        .tokenRenewInterval(RENEW_INTERVAL).tokenMaxLifetime(MAX_LIFETIME)
        .workDir(Path.of("target", "it-clusters", SecureYarnStreamingIT.class.getSimpleName())).start();
    conf = new YarnConfiguration();
    try (Stream<Path> files = Files.list(cluster.confDir())) {
      files.filter(f -> f.getFileName().toString().endsWith("-site.xml"))
          .forEach(f -> conf.addResource(new org.apache.hadoop.fs.Path(f.toUri())));
    }
    // Never loginUserFromKeytab here: the daemons in this JVM run as the login user.
    user = UserGroupInformation.loginUserFromKeytabAndReturnUGI(cluster.userPrincipal(), cluster.userKeytab().toString());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aStreamingAppWithAKeytabOutlivesItsTokensAndAnApplicationMasterKill() throws Exception {
    String home = "/user/" + System.getProperty("user.name") + "/secure-stream";
    String input = cluster.fsUri() + home + "/in";
    String output = cluster.fsUri() + home + "/out";
    String checkpoint = cluster.fsUri() + home + "/checkpoint";
    as(() -> fs().mkdirs(new org.apache.hadoop.fs.Path(input)));

    String krb5 = "-Djava.security.krb5.conf=" + cluster.krb5Conf();
    Process client = submitInItsOwnProcess("submit", "--class", "io.sluice.examples.RecoverableFileWordCount",
        "--jar", ItSupport.examplesJar().toString(), "--principal", cluster.userPrincipal(),
        "--keytab", cluster.userKeytab().toString(), "--executors", "1", "--executor-memory", "256m",
        "--driver-memory", "256m", "--conf", "sluice.executor.memoryOverhead=192m", "--max-attempts", "2",
        // No /etc/krb5.conf on this machine: the containers find the dev cluster's KDC this way.
        "--conf", "sluice.driver.extraJavaOptions=" + krb5, "--conf", "sluice.executor.extraJavaOptions=" + krb5,
        "--detach", "--", input, output, checkpoint, "2");
    String submitted = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(client.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), submitted);
    System.out.println("sluice-submit (own process) -> " + client.exitValue() + "\n" + submitted);
    assertEquals(0, client.exitValue(), submitted);
    assertTrue(submitted.contains("Logged in to Kerberos as " + cluster.userPrincipal()), submitted);
    assertTrue(submitted.contains("Delegation tokens for [" + cluster.fsUri()), submitted);
    ApplicationId app = ItSupport.appId(submitted);
    long started = System.currentTimeMillis();
    await("RUNNING", () -> report(app).getYarnApplicationState() == YarnApplicationState.RUNNING);
    // Files present when the stream starts are ignored (as the guide says): input from the first batch on.
    await("the first batch", () -> !completeBatches(output, "totals").isEmpty());

    Map<String, Long> expected = new TreeMap<>();
    int file = 0;
    // Input every 10 s until the first tokens are long past their maximum lifetime.
    while (System.currentTimeMillis() - started < MAX_LIFETIME.toMillis() + 20_000) {
      writeInput(input, ++file, expected);
      await("totals after file " + file, () -> expected.equals(latestTotals(output)));
      Thread.sleep(10_000);
    }
    long killedAt = System.currentTimeMillis();
    ContainerProcesses.killOne("io.sluice.yarn.ApplicationMasterMain", app.toString());
    writeInput(input, ++file, expected); // arrives while no driver runs
    await("attempt 2 running", () -> {
      ApplicationReport r = report(app);
      return r.getCurrentApplicationAttemptId().getAttemptId() == 2
          && r.getYarnApplicationState() == YarnApplicationState.RUNNING;
    });
    writeInput(input, ++file, expected);
    await("totals after the AM kill", () -> expected.equals(latestTotals(output)));
    System.out.printf("Secure app ran %d s (token max lifetime %d s), AM kill to exact totals %d ms%n",
        (System.currentTimeMillis() - started) / 1000, MAX_LIFETIME.toSeconds(), System.currentTimeMillis() - killedAt);
    while (System.currentTimeMillis() - killedAt < RENEW_INTERVAL.toMillis() + 10_000) {
      writeInput(input, ++file, expected); // attempt 2 and its executors past a renewal of their own
      await("totals after file " + file, () -> expected.equals(latestTotals(output)));
      Thread.sleep(5_000);
    }
    assertEquals(expected, sumOfBatchCounts(output), "every file counted exactly once across attempts");

    // Attempt 1 obtained fresh tokens at start and every 15 s (75% of 20 s) and sent them to its executor.
    String amLog = Files.readString(ItSupport.containerLogDir(cluster, app, "_01_000001", "sluice.log").resolve("sluice.log"));
    long renewals = amLog.lines().filter(l -> l.contains("fresh delegation token(s) as")).count();
    assertTrue(renewals >= 4, "renewals in attempt 1: " + renewals);
    String executorLog = Files.readString(ItSupport.containerLogDir(cluster, app, "_01_000002", "sluice.log")
        .resolve("sluice.log"));
    assertTrue(executorLog.contains("Took 1 fresh delegation token(s)"), "the executor took the pushed tokens");

    try (YarnClient yarn = as(() -> SharedDevCluster.newYarnClient(conf))) {
      as(() -> {
        yarn.killApplication(app);
        return null;
      });
    }
  }

  private static Process submitInItsOwnProcess(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JvmOptions.ADD_OPENS);
    command.addAll(List.of("-Djava.security.krb5.conf=" + cluster.krb5Conf(), "-cp", System.getProperty("java.class.path"),
        "io.sluice.client.SubmitMain"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HADOOP_CONF_DIR", cluster.confDir().toString());
    return builder.start();
  }

  private static void writeInput(String dir, int n, Map<String, Long> expected) throws Exception {
    List<String> lines = List.of("apple banana apple", "file" + n + " cherry");
    as(() -> {
      FileSystem fs = fs();
      org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(dir, ".input-" + n + ".tmp");
      try (OutputStream out = fs.create(temp, true)) {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return fs.rename(temp, new org.apache.hadoop.fs.Path(dir, "input-" + n + ".txt"));
    });
    for (String line : lines) {
      for (String word : line.split(" ")) {
        expected.merge(word, 1L, Long::sum);
      }
    }
  }

  private static Map<String, Long> latestTotals(String output) {
    List<org.apache.hadoop.fs.Path> batches = completeBatches(output, "totals");
    return batches.isEmpty() ? Map.of() : counts(batches.get(batches.size() - 1));
  }

  private static Map<String, Long> sumOfBatchCounts(String output) {
    Map<String, Long> sum = new TreeMap<>();
    for (org.apache.hadoop.fs.Path batch : completeBatches(output, "counts")) {
      counts(batch).forEach((w, c) -> sum.merge(w, c, Long::sum));
    }
    return sum;
  }

  private static List<org.apache.hadoop.fs.Path> completeBatches(String output, String kind) {
    try {
      return as(() -> ItSupport.completeBatches(fs(), new org.apache.hadoop.fs.Path(output, kind)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code (word,count)} lines of a batch's part files. */
  private static Map<String, Long> counts(org.apache.hadoop.fs.Path batch) {
    try {
      return as(() -> {
        Map<String, Long> counts = new TreeMap<>();
        FileSystem fs = fs();
        for (FileStatus part : fs.listStatus(batch, p -> p.getName().startsWith("part-"))) {
          try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(part.getPath()),
              StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
              ItSupport.addCount(counts, line);
            }
          }
        }
        return counts;
      });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApplicationReport report(ApplicationId app) {
    try (YarnClient yarn = as(() -> SharedDevCluster.newYarnClient(conf))) {
      return as(() -> yarn.getApplicationReport(app));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The user's file system, cached per UGI by Hadoop (the same user each time). */
  private static FileSystem fs() throws IOException {
    return FileSystem.get(cluster.fsUri(), conf);
  }

  private static <T> T as(PrivilegedExceptionAction<T> action) throws Exception {
    return user.doAs(action);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    ItSupport.await(what, WAIT, condition);
  }
}
