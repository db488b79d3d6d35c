package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Process faults of a long-running application on the dev cluster (issue 15, items 5, 6 and 8):
 * the ApplicationMaster killed again and again, an executor paused with SIGSTOP past the heartbeat
 * timeout and then resumed, the NodeManager of the receiver's executor lost. The first cases count
 * files of a checkpointed file-stream word count, the last the lines a socket receiver (with its
 * write-ahead log) reads; each ends with everything counted exactly once, and prints its recovery times.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ProcessFaultIT {
  /**
   * The label of the third NodeManager, where the NodeManager-loss case places its ApplicationMaster
   * so that stopping an executor's NodeManager never takes the driver with it.
   */
  private static final String AM_LABEL = "am";
  @RegisterExtension
  static final SharedDevCluster CLUSTER = new SharedDevCluster(3, AM_LABEL);

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String WORD_COUNT = "io.sluice.examples.RecoverableFileWordCount";
  private static final String NETWORK_WORD_COUNT = "io.sluice.examples.RecoverableNetworkWordCount";
  private static final String AM_MAIN = "io.sluice.yarn.ApplicationMasterMain";
  private static final String EXECUTOR_MAIN = "io.sluice.executor.ExecutorMain";
  /** Long enough that every kill of a test counts against the attempts (YARN forgets older failures). */
  private static final String VALIDITY = "sluice.yarn.am.attemptFailuresValidityInterval=10min";

  private static YarnClient yarn;
  private static FileSystem fs;

  @BeforeAll
  static void connect() throws IOException {
    yarn = CLUSTER.newYarnClient();
    fs = CLUSTER.fs();
  }

  @AfterAll
  static void disconnect() throws IOException {
    if (yarn != null) {
      yarn.close();
    }
  }

  // ---------------------------------------------------------------- item 5: AM killed again and again

  /**
   * Four attempts allowed, and all four kills within the validity interval: the application goes on
   * after the first three kills, and the fourth spends the last attempt. One application for both
   * halves, where two (3 attempts to spend, 4 to survive three kills) cost a minute more of CI time.
   */
  @Test
  @org.junit.jupiter.api.Order(1)
  void theApplicationGoesOnAfterThreeApplicationMasterKillsAndEndsFailedWhenTheFourthSpendsItsAttempts()
      throws Exception {
    Dirs dirs = new Dirs("am-kills");
    ApplicationId app = submit(dirs, "--max-attempts", "4", "--conf", VALIDITY);
    awaitFirstBatch(app, dirs);
    Map<String, Long> expected = new TreeMap<>();
    writeInputs(dirs, expected, 1, 2);
    awaitTotals(dirs, expected);

    int file = 3;
    for (int kill = 1; kill <= 3; kill++) {
      awaitAttemptRunning(app, kill);
      Set<String> before = batchNames(dirs);
      long killedAt = System.currentTimeMillis();
      ContainerProcesses.killOne(AM_MAIN, app.toString());
      writeInputs(dirs, expected, file, file + 1); // they arrive while no driver runs
      file += 2;
      awaitAttemptRunning(app, kill + 1);
      long registered = System.currentTimeMillis();
      // The next kill may come while this attempt still reruns batches: recovery must survive that too.
      long firstNewBatch = awaitNewBatch(dirs, before);
      System.out.printf("AM-kill-%d-to-attempt-%d-running: %d ms, to-first-new-batch: %d ms%n",
          kill, kill + 1, registered - killedAt, firstNewBatch - killedAt);
    }
    awaitTotals(dirs, expected);
    assertEquals(expected, sumOfBatchCounts(dirs), "every file counted exactly once across four attempts");
    assertEquals(YarnApplicationState.RUNNING, report(app).getYarnApplicationState());

    long killedAt = System.currentTimeMillis();
    ContainerProcesses.killOne(AM_MAIN, app.toString());
    await(app + " FAILED", () -> report(app).getYarnApplicationState() == YarnApplicationState.FAILED);
    System.out.printf("AM-kill-4-of-4-to-FAILED: %d ms%n", System.currentTimeMillis() - killedAt);
    ApplicationReport report = yarn.getApplicationReport(app);
    assertEquals(FinalApplicationStatus.FAILED, report.getFinalApplicationStatus());
    String diagnostics = report.getDiagnostics();
    System.out.printf("Diagnostics of %s: %s%n", app, diagnostics);
    assertTrue(diagnostics.contains("failed 4 times") && diagnostics.contains("exitCode: 137"), diagnostics);
    ItSupport.Output status = client("status", app.toString());
    assertEquals(1, status.code(), status.text());
    assertTrue(status.text().contains("final status: FAILED") && status.text().contains("failed 4 times"),
        status.text());
    await("no container of " + app + " left", () -> ContainerProcesses.findJvms(app.toString()).isEmpty());
    assertEquals(expected, sumOfBatchCounts(dirs), "what was counted before the end, counted exactly once");
  }

  // ---------------------------------------------------------------- item 8: an executor paused past the timeout

  @Test
  @org.junit.jupiter.api.Order(2)
  void anExecutorPausedPastTheHeartbeatTimeoutIsReplacedAndItsLateWorkRefused() throws Exception {
    Dirs dirs = new Dirs("paused-executor");
    long timeoutMs = 10_000;
    ApplicationId app = submit(dirs, "--conf", "sluice.network.timeout=" + timeoutMs + "ms",
        "--conf", "sluice.executor.heartbeatInterval=1s");
    awaitFirstBatch(app, dirs);
    Map<String, Long> expected = new TreeMap<>();
    writeInputs(dirs, expected, 1, 2);
    awaitTotals(dirs, expected);
    String proxied = CLUSTER.cluster().rmWebAddress() + "/proxy/" + app + "/";
    Set<String> executorsBefore = executorIds(proxied);
    List<Long> jvms = ContainerProcesses.findJvms(EXECUTOR_MAIN, app.toString());
    assertEquals(2, jvms.size(), "executor JVMs: " + jvms);

    long paused = jvms.get(0);
    long pausedAt = System.currentTimeMillis();
    ContainerProcesses.signal(paused, "STOP");
    writeInputs(dirs, expected, 3, 4); // tasks of these batches go to the paused executor too
    await("the paused executor declared lost", () -> !executorIds(proxied).containsAll(executorsBefore));
    long lostAt = System.currentTimeMillis();
    Set<String> lost = new TreeSet<>(executorsBefore);
    lost.removeAll(executorIds(proxied));
    assertEquals(1, lost.size(), "lost: " + lost);
    String lostId = lost.iterator().next();
    awaitTotals(dirs, expected);
    System.out.printf("SIGSTOP-to-executor-lost: %d ms (sluice.network.timeout %d ms), to-exact-totals: %d ms%n",
        lostAt - pausedAt, timeoutMs, System.currentTimeMillis() - pausedAt);

    // Resumed past the timeout (the driver gave up on it), the old executor must neither rejoin nor
    // report the work it held. Its container is released on the loss, but YARN's SIGTERM waits while it
    // is stopped: on SIGCONT it ends.
    long resumedAt = System.currentTimeMillis();
    if (ProcessHandle.of(paused).map(ProcessHandle::isAlive).orElse(false)) {
      ContainerProcesses.signal(paused, "CONT");
    }
    writeInputs(dirs, expected, 5, 6);
    awaitTotals(dirs, expected);
    await("the paused executor's JVM gone", () -> !ProcessHandle.of(paused).map(ProcessHandle::isAlive).orElse(false));
    System.out.printf("SIGCONT-to-old-JVM-gone: %d ms%n", System.currentTimeMillis() - resumedAt);
    Set<String> after = executorIds(proxied);
    assertFalse(after.contains(lostId), "the lost executor came back: " + after);
    assertEquals(2, after.size(), "executors after the replacement: " + after);
    assertEquals(expected, sumOfBatchCounts(dirs), "every file counted exactly once");
    assertEquals(0, client("kill", app.toString()).code());
  }

  // ---------------------------------------------------------------- item 6: a NodeManager lost

  /**
   * Last: the stopped NodeManager stays "alive" to the ResourceManager for the rest of the class, and
   * would take containers of the cases after it (a replacement placed there waits for its start to fail).
   */
  @Test
  @org.junit.jupiter.api.Order(3)
  void theReceiversNodeManagerLostItsExecutorsAreReplacedAndTheReceiverRestartsElsewhere() throws Exception {
    try (LineFeed feed = new LineFeed()) {
      org.apache.hadoop.fs.Path checkpoint = new Dirs("nm-lost").checkpoint();
      Path output = Files.createDirectories(Path.of("target", "it-process-faults")).toAbsolutePath()
          .resolve("nm-lost-counts.txt");
      Files.deleteIfExists(output);
      // The driver declares a silent executor lost after 10 s; YARN would wait 10 min for the node.
      ApplicationId app = submit(NETWORK_WORD_COUNT, "--conf", "sluice.streaming.receiver.writeAheadLog.enable=true",
          "--conf", "sluice.network.timeout=10s", "--conf", "sluice.executor.heartbeatInterval=1s",
          "--conf", "sluice.yarn.am.nodeLabelExpression=" + AM_LABEL,
          "--", feed.host(), Integer.toString(feed.port()), checkpoint.toString(), output.toString());
      await(app + " RUNNING", () -> report(app).getYarnApplicationState() == YarnApplicationState.RUNNING);
      await("the receiver connected to the line feed", () -> feed.connections() >= 1);
      Map<String, Long> expected = new TreeMap<>();
      feed.send(lines(1, 100), expected);
      await("network word count totals", () -> expected.equals(networkTotals(output)));

      String proxied = CLUSTER.cluster().rmWebAddress() + "/proxy/" + app + "/";
      String receiverExecutor = activeReceiverLocation(proxied).orElseThrow();
      String container = executorContainer(app, receiverExecutor);
      int nodeManager = CLUSTER.cluster().nodeManagerOf(container);
      assertTrue(nodeManager == 0 || nodeManager == 1, container + " on NodeManager " + nodeManager);
      Set<String> executorsBefore = executorIds(proxied);
      // Every executor of that node goes with it.
      Set<String> lostExecutors = new TreeSet<>();
      for (String id : executorsBefore) {
        if (CLUSTER.cluster().nodeManagerOf(executorContainer(app, id)) == nodeManager) {
          lostExecutors.add(id);
        }
      }

      long stoppedAt = System.currentTimeMillis();
      CLUSTER.cluster().stopNodeManager(nodeManager);
      // A dead node takes its processes along; a NodeManager stopped in this JVM may leave a JVM behind.
      for (String id : lostExecutors) {
        ContainerProcesses.findJvms(EXECUTOR_MAIN, executorContainer(app, id))
            .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      }
      await("the receiver restarted on another executor", () -> feed.connections() >= 2
          && activeReceiverLocation(proxied).filter(location -> !lostExecutors.contains(location)).isPresent());
      long receiverBack = System.currentTimeMillis();
      feed.send(lines(2, 100), expected);
      await("network word count totals after the NodeManager loss", () -> expected.equals(networkTotals(output)));
      System.out.printf("NodeManager-stop-to-receiver-restarted: %d ms, to-exact-totals: %d ms (lost %s)%n",
          receiverBack - stoppedAt, System.currentTimeMillis() - stoppedAt, lostExecutors);

      await("replacements for " + lostExecutors, () -> executorIds(proxied).size() == executorsBefore.size());
      Set<String> after = executorIds(proxied);
      assertTrue(after.stream().noneMatch(lostExecutors::contains), "lost executors listed: " + after);
      assertEquals(YarnApplicationState.RUNNING, report(app).getYarnApplicationState());
      // The ResourceManager still counts the stopped node alive (its expiry is 10 min): recovery did not wait for it.
      assertEquals(3, yarn.getNodeReports(org.apache.hadoop.yarn.api.records.NodeState.RUNNING).size(),
          "NodeManagers the ResourceManager deems running");
      assertEquals(expected, networkTotals(output), "every line counted exactly once");
      assertEquals(0, client("kill", app.toString()).code());
    }
  }

  /** The executor the driver's UI lists as running the (one) receiver, if it is active. */
  private static java.util.Optional<String> activeReceiverLocation(String proxied) {
    java.util.regex.Matcher m = Pattern.compile("\"active\":true,\"location\":\"([^\"]+)\"")
        .matcher(httpGet(proxied + "api/v1/streaming/receivers"));
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  /** The container attempt 1's ApplicationMaster started {@code executorId} in, from its log. */
  private static String executorContainer(ApplicationId app, String executorId) {
    try {
      Path log = ItSupport.containerLogDir(CLUSTER.cluster(), app, "_01_000001", "sluice.log").resolve("sluice.log");
      java.util.regex.Matcher m = Pattern.compile("Starting executor " + Pattern.quote(executorId)
          + " in container (container_\\S+)").matcher(Files.readString(log));
      assertTrue(m.find(), "no container of " + executorId + " in " + log);
      return m.group(1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The sum of every batch's counts the driver appended, lines like {@code Counts at time ... {a=2, b=1}}. */
  private static Map<String, Long> networkTotals(Path output) {
    Map<String, Long> totals = new TreeMap<>();
    try {
      for (String line : Files.exists(output) ? Files.readAllLines(output) : List.<String>of()) {
        int open = line.indexOf('{');
        if (!line.startsWith("Counts at time ") || open < 0 || !line.endsWith("}") || open + 1 == line.length() - 1) {
          continue; // empty, or being appended
        }
        for (String entry : line.substring(open + 1, line.length() - 1).split(", ")) {
          int eq = entry.lastIndexOf('=');
          totals.merge(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)), Long::sum);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return totals;
  }

  /** {@code n} lines, each with two common words and one of its own, so a lost or doubled line shows. */
  private static List<String> lines(int round, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("apple r" + round + "l" + i + " banana");
    }
    return lines;
  }

  // ---------------------------------------------------------------- the file word count

  /** HDFS directories of one application run. */
  private record Dirs(org.apache.hadoop.fs.Path input, org.apache.hadoop.fs.Path output,
                      org.apache.hadoop.fs.Path checkpoint) {
    Dirs(String name) throws IOException {
      this(qualified(name + "/in"), qualified(name + "/out"), qualified(name + "/checkpoint"));
      fs.mkdirs(input);
    }

    private static org.apache.hadoop.fs.Path qualified(String relative) throws IOException {
      return fs.makeQualified(new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), "it/" + relative));
    }
  }

  private static ApplicationId submit(Dirs dirs, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("--", dirs.input().toString(), dirs.output().toString(), dirs.checkpoint().toString(), "1"));
    return submit(WORD_COUNT, args.toArray(new String[0]));
  }

  /** Submits {@code mainClass} of the examples jar with two small executors; {@code rest} ends with its arguments. */
  private static ApplicationId submit(String mainClass, String... rest) throws Exception {
    List<String> args = new ArrayList<>(List.of("submit", "--class", mainClass, "--jar",
        ItSupport.examplesJar().toString(), "--name", mainClass.substring(mainClass.lastIndexOf('.') + 1),
        "--executors", "2", "--executor-memory", "256m", "--driver-memory", "256m",
        "--conf", "sluice.executor.memoryOverhead=192m", "--detach"));
    args.addAll(List.of(rest));
    ItSupport.Output out = client(args.toArray(new String[0]));
    assertEquals(0, out.code(), out.text());
    return ItSupport.appId(out.text());
  }

  /** File n holds the common words plus one word only it has, so a file counted twice or never shows. */
  private static void writeInputs(Dirs dirs, Map<String, Long> expected, int from, int to) throws IOException {
    for (int n = from; n <= to; n++) {
      List<String> lines = List.of("apple banana apple", "file" + n + " cherry", "banana");
      CLUSTER.writeTextFileAtomically(dirs.input().toString(), "input-" + n + ".txt", lines);
      for (String line : lines) {
        for (String word : line.split(" ")) {
          expected.merge(word, 1L, Long::sum);
        }
      }
    }
  }

  /** The application runs and its stream has started (a batch was written): files written from now on are new. */
  private static void awaitFirstBatch(ApplicationId app, Dirs dirs) throws InterruptedException {
    await(app + " RUNNING", () -> report(app).getYarnApplicationState() == YarnApplicationState.RUNNING);
    await("the first batch of " + dirs.output(), () -> !batchNames(dirs).isEmpty());
  }

  /** Attempt {@code attempt} registered and its ApplicationMaster's JVM is the only one of the application. */
  private static void awaitAttemptRunning(ApplicationId app, int attempt) throws InterruptedException {
    await("attempt " + attempt + " of " + app + " running", () -> {
      ApplicationReport r = report(app);
      return r.getCurrentApplicationAttemptId().getAttemptId() == attempt
          && r.getYarnApplicationState() == YarnApplicationState.RUNNING
          && ContainerProcesses.findJvms(AM_MAIN, app.toString()).size() == 1;
    });
  }

  private static void awaitTotals(Dirs dirs, Map<String, Long> expected) throws InterruptedException {
    await("totals " + expected, () -> expected.equals(latestTotals(dirs)));
  }

  /** When (to the poll) a completed batch appeared that was not there before. */
  private static long awaitNewBatch(Dirs dirs, Set<String> before) throws InterruptedException {
    await("a batch completed after " + before.size() + " earlier ones", () -> !before.containsAll(batchNames(dirs)));
    return System.currentTimeMillis();
  }

  private static Set<String> batchNames(Dirs dirs) {
    return batchDirs(dirs, "counts").stream().map(f -> f.getPath().getName()).collect(Collectors.toSet());
  }

  private static List<FileStatus> batchDirs(Dirs dirs, String kind) {
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(dirs.output(), kind);
      if (!fs.exists(dir)) {
        return List.of();
      }
      return Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isDirectory)
          .filter(f -> exists(new org.apache.hadoop.fs.Path(f.getPath(), "_SUCCESS"))).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean exists(org.apache.hadoop.fs.Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      return false;
    }
  }

  private static Map<String, Long> latestTotals(Dirs dirs) {
    List<FileStatus> totals = batchDirs(dirs, "totals");
    return totals.isEmpty() ? Map.of() : parseCounts(totals.get(totals.size() - 1).getPath());
  }

  private static Map<String, Long> sumOfBatchCounts(Dirs dirs) {
    Map<String, Long> sum = new TreeMap<>();
    for (FileStatus batch : batchDirs(dirs, "counts")) {
      parseCounts(batch.getPath()).forEach((w, c) -> sum.merge(w, c, Long::sum));
    }
    return sum;
  }

  /** Lines such as {@code (apple,4)}. */
  private static Map<String, Long> parseCounts(org.apache.hadoop.fs.Path dir) {
    Map<String, Long> counts = new TreeMap<>();
    try {
      for (String line : CLUSTER.readPartFileLines(dir.toString())) {
        ItSupport.addCount(counts, line);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  // ---------------------------------------------------------------- shared

  /** The ids the driver's UI lists as its executors now (through the RM proxy). */
  private static Set<String> executorIds(String proxied) {
    return Pattern.compile("\"id\":\"([^\"]+)\"").matcher(httpGet(proxied + "api/v1/executors")).results()
        .map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String httpGet(String url) {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), url + " -> " + response.body());
      return response.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ApplicationReport report(ApplicationId app) {
    try {
      return yarn.getApplicationReport(app);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ItSupport.Output client(String... args) {
    return ItSupport.client(CLUSTER.cluster(), args);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    ItSupport.await(what, WAIT, condition);
  }
}
