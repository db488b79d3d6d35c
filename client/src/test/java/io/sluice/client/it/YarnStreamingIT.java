package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.client.SubmitMain;
import io.sluice.internal.history.HistoryServer;
import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import io.sluice.yarn.StagingLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sluice applications on a real (mini) YARN cluster with HDFS, submitted through the client the way
 * a user does: the examples jar (once with a jar given through --jars), a file-stream word count
 * reading and writing HDFS, the tracking UI through the ResourceManager's proxy, executor and
 * ApplicationMaster containers killed with SIGKILL, a graceful kill through the client, and
 * submissions that must be refused.
 */
class YarnStreamingIT {
  @RegisterExtension
  static final SharedDevCluster CLUSTER = new SharedDevCluster();

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String WORD_COUNT = "io.sluice.examples.RecoverableFileWordCount";

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

  // ---------------------------------------------------------------- word count, UI, executor loss, kill

  @Test
  void wordCountOnHdfsSurvivesAnExecutorLossShowsItsUiAndStopsGracefullyOnKill() throws Exception {
    Dirs dirs = new Dirs("wordcount");
    long submitted = System.currentTimeMillis();
    ApplicationId app = submitDetached(dirs);
    awaitState(app, YarnApplicationState.RUNNING);
    System.out.printf("submit-to-RUNNING: %d ms%n", System.currentTimeMillis() - submitted);
    awaitFirstBatch(dirs);

    Expected expected = new Expected();
    writeInputs(dirs, expected, 1, 2);
    awaitTotals(dirs, expected);

    // The NodeManager writes a container's environment into its launch script (kept beside its logs):
    // the application secret must reach executors through their credentials instead.
    List<Path> scripts = executorLaunchScripts(app);
    assertFalse(scripts.isEmpty(), "no executor launch script under " + CLUSTER.cluster().workDir());
    for (Path script : scripts) {
      assertFalse(Files.readString(script).contains("SLUICE_AUTH_SECRET"), script + " holds the secret");
    }

    long killedExecutor = ContainerProcesses.killOneOf("io.sluice.executor.ExecutorMain", app.toString());
    System.out.printf("killed executor JVM %d%n", killedExecutor);
    writeInputs(dirs, expected, 3, 4);
    awaitTotals(dirs, expected);
    assertEquals(expected.counts, sumOfBatchCounts(dirs), "every file counted exactly once");
    assertEquals(YarnApplicationState.RUNNING, yarn.getApplicationReport(app).getYarnApplicationState());

    // The driver's page and JSON, reached the way a user follows the link in the RM UI.
    String proxied = CLUSTER.cluster().rmWebAddress() + "/proxy/" + app + "/";
    assertTrue(yarn.getApplicationReport(app).getTrackingUrl().contains("/proxy/" + app),
        yarn.getApplicationReport(app).getTrackingUrl());
    String page = httpGet(proxied);
    assertTrue(page.contains("RecoverableFileWordCount"), page);
    // The replacement starts in a new container while the remaining executor already does the work,
    // so it may register after the totals above are complete.
    await("a replacement executor exec-3 in the UI", () -> {
      try {
        return httpGet(proxied + "api/v1/executors").contains("exec-3");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    String batches = httpGet(proxied + "api/v1/streaming/batches");
    assertTrue(batches.contains("\"status\":\"completed\""), batches);
    browseTheUiThroughTheProxy(proxied);
    // Prometheus scrapes the same relative path through the proxy (issue 14).
    String metrics = httpGet(proxied + "metrics");
    assertTrue(metrics.contains("# TYPE sluice_streaming_batches_completed_total counter"), metrics);
    Matcher completed = Pattern.compile("(?m)^sluice_streaming_batches_completed_total (\\S+)$").matcher(metrics);
    assertTrue(completed.find() && Double.parseDouble(completed.group(1)) >= 1, metrics);
    assertTrue(metrics.contains("\nsluice_executors ") && metrics.contains("\njvm_memory_used_bytes{area=\"heap\"} "),
        metrics);

    ItSupport.Output kill = client("kill", app.toString(), "--timeout", "60s");
    assertEquals(0, kill.code(), kill.text());
    ApplicationReport report = yarn.getApplicationReport(app);
    assertEquals(FinalApplicationStatus.KILLED, report.getFinalApplicationStatus(), kill.text());
    assertTrue(report.getDiagnostics().contains("gracefully"), report.getDiagnostics());
    assertFalse(fs.exists(stagingDir(app)), "staging directory removed");
    assertTrue(Arrays.stream(fs.listStatus(dirs.checkpoint()))
        .anyMatch(f -> f.getPath().getName().startsWith("checkpoint-")), "final state checkpointed");
    assertEquals(expected.counts, latestTotals(dirs));
  }

  /**
   * The streaming page in a headless browser with JavaScript on, through the RM proxy: every chart
   * has a point per completed batch, a batch link leads to that batch's output operations, and
   * nothing is fetched from outside the proxy path, nothing fails.
   */
  private static void browseTheUiThroughTheProxy(String proxied) throws Exception {
    try (ProxiedUiBrowser browser = new ProxiedUiBrowser()) {
      // Batches keep completing: take a page read between two equal answers of the JSON.
      HtmlPage page = null;
      NavigableSet<Long> completed = new TreeSet<>();
      for (int attempt = 0; attempt < 20 && page == null; attempt++) {
        Set<Long> before = ProxiedUiBrowser.completedBatchTimes(httpGet(proxied + "api/v1/streaming/batches"));
        HtmlPage candidate = browser.open(proxied);
        NavigableSet<Long> after = ProxiedUiBrowser.completedBatchTimes(httpGet(proxied + "api/v1/streaming/batches"));
        if (before.equals(after)) {
          page = candidate;
          completed = after;
        }
      }
      assertTrue(page != null, "the JSON changed around every one of 20 page loads");
      assertFalse(completed.isEmpty());
      for (String chart : new String[] {"input-rate", "scheduling-delay", "processing-time", "total-delay"}) {
        assertEquals(completed, ProxiedUiBrowser.pointTimes(page, "timeline-" + chart), chart);
      }
      System.out.printf("UI charts through the proxy: %d points per chart%n", completed.size());

      long newest = completed.last();
      HtmlPage batch = page.getAnchorByHref("batch?time=" + newest).click();
      assertEquals(proxied + "batch?time=" + newest, batch.getUrl().toString());
      String operationsJson = httpGet(proxied + "api/v1/streaming/batches/" + newest + "/operations");
      int operations = (int) Pattern.compile("\\{\"id\":").matcher(operationsJson).results().count();
      assertEquals(2, operations, "the word count's two saveAsTextFiles: " + operationsJson);
      var table = batch.getElementById("operations");
      assertEquals(operations, table.getElementsByTagName("tr").size() - 1, table.asXml());
      assertTrue(table.asNormalizedText().contains("saveAsTextFiles"), table.asNormalizedText());

      assertEquals(List.of(), browser.scriptErrors());
      for (String request : browser.requests()) {
        assertTrue(request.startsWith("200 " + proxied), "left the proxy path or failed: " + request);
      }
    }
  }

  // ---------------------------------------------------------------- ApplicationMaster loss

  @Test
  void aKilledApplicationMasterIsRestartedAndRecoversEveryFileExactlyOnce() throws Exception {
    Dirs dirs = new Dirs("recovery");
    ApplicationId app = submitDetached(dirs, "--max-attempts", "2");
    awaitState(app, YarnApplicationState.RUNNING);
    awaitFirstBatch(dirs);
    Expected expected = new Expected();
    writeInputs(dirs, expected, 1, 3);
    awaitTotals(dirs, expected);

    // The executors YARN keeps across attempts: the same JVMs must serve attempt 2.
    List<Long> executorJvms = ContainerProcesses.findJvms("io.sluice.executor.ExecutorMain", app.toString());
    assertEquals(2, executorJvms.size(), "executor JVMs before the kill: " + executorJvms);
    String proxied = CLUSTER.cluster().rmWebAddress() + "/proxy/" + app + "/";
    java.util.Set<String> before = batchNames(dirs);
    long killedAt = System.currentTimeMillis();
    ContainerProcesses.killOne("io.sluice.yarn.ApplicationMasterMain", app.toString());
    writeInputs(dirs, expected, 4, 5); // arrive while no driver runs
    // Attempt 2 first reruns the batches after its checkpoint (their output is rewritten), then new ones.
    long noticed = awaitCompletedBatchOfAttempt2(app);
    long firstNewBatch = awaitNewBatch(dirs, before);
    // When the batch completed, by the driver's own record (this machine's clock), rather than when
    // the poll above noticed it (up to 250 ms later, plus requests through the RM proxy).
    long firstBatchOfAttempt2 = firstProcessingEndOfAttempt2(app);
    System.out.printf("AM-kill-to-first-completed-batch-of-attempt-2: %d ms (noticed by polling after %d ms)%n",
        firstBatchOfAttempt2 - killedAt, noticed - killedAt);
    System.out.printf("AM-kill-to-first-new-batch: %d ms%n", firstNewBatch - killedAt);
    writeInputs(dirs, expected, 6, 7);
    awaitTotals(dirs, expected);
    assertEquals(expected.counts, sumOfBatchCounts(dirs), "every file counted exactly once across attempts");
    // No executor was started for attempt 2: the same processes, re-registered under their old ids.
    assertEquals(new java.util.TreeSet<>(executorJvms),
        new java.util.TreeSet<>(ContainerProcesses.findJvms("io.sluice.executor.ExecutorMain", app.toString())),
        "executor JVMs after attempt 2 took over");
    String executors = httpGet(proxied + "api/v1/executors");
    assertTrue(executors.contains("exec-1") && executors.contains("exec-2"), executors);
    assertFalse(executors.contains("exec-3"), "attempt 2 started a new executor: " + executors);

    assertEquals(0, client("kill", app.toString()).code());
  }

  // ---------------------------------------------------------------- Kafka direct stream, AM loss

  @Test
  void aKafkaWordCountRecoversFromAnApplicationMasterKillWithExactlyOnceFiles() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopic("yarn-words", 4);
      Dirs dirs = new Dirs("kafka");
      // The Kafka integration is not one of Sluice's runtime jars: it travels with --jars, as users ship it.
      ItSupport.Output submitted = client("submit", "--class", "io.sluice.examples.RecoverableKafkaWordCount",
          "--jar", examplesJar().toString(), "--jars", ItSupport.kafkaJars(), "--name", "RecoverableKafkaWordCount",
          "--executors", "2",
          "--executor-memory", "256m", "--driver-memory", "256m", "--conf", "sluice.executor.memoryOverhead=192m",
          "--max-attempts", "2", "--detach",
          "--", broker.bootstrapServers(), "yarn-words", dirs.output().toString(), dirs.checkpoint().toString(), "1");
      assertEquals(0, submitted.code(), submitted.text());
      ApplicationId app = appId(submitted);
      awaitState(app, YarnApplicationState.RUNNING);
      Expected expected = new Expected();
      sendLines(broker, expected, 1, 200);
      awaitTotals(dirs, expected);

      java.util.Set<String> before = batchNames(dirs);
      long killedAt = System.currentTimeMillis();
      sendLines(broker, expected, 2, 200); // in flight when the driver dies
      ContainerProcesses.killOne("io.sluice.yarn.ApplicationMasterMain", app.toString());
      sendLines(broker, expected, 3, 200); // while no driver runs
      await("attempt 2 running", () -> {
        ApplicationReport r = report(app);
        return r.getCurrentApplicationAttemptId().getAttemptId() == 2
            && r.getYarnApplicationState() == YarnApplicationState.RUNNING;
      });
      long firstNewBatch = awaitNewBatch(dirs, before);
      System.out.printf("Kafka AM-kill-to-first-new-batch: %d ms%n", firstNewBatch - killedAt);
      sendLines(broker, expected, 4, 200);
      awaitTotals(dirs, expected);
      assertEquals(expected.counts, sumOfBatchCounts(dirs), "every Kafka message counted once across attempts");
      assertEquals(0, client("kill", app.toString()).code());
    }
  }

  /** {@code n} lines of Kafka messages, each with the common words and one word of its own. */
  private static void sendLines(EmbeddedKafkaBroker broker, Expected expected, int round, int n) throws Exception {
    try (var producer = broker.newProducer(Map.of())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String line = "apple banana r" + round + "m" + i + " apple";
        for (String word : line.split(" ")) {
          expected.counts.merge(word, 1L, Long::sum);
        }
        acks.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("yarn-words", i % 4, null, line)));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get();
      }
    }
  }

  // ---------------------------------------------------------------- the examples jar, to SUCCEEDED

  /**
   * SQL on YARN as a user ships it: sluice-sql and Calcite's jars through --jars. The query is planned
   * by Calcite in the ApplicationMaster and runs in the executors; the demo's counts per batch reach
   * the driver's standard output, and the application ends by itself.
   */
  @Test
  void aSqlApplicationRunsWithCalciteShippedByJars() throws Exception {
    ItSupport.Output run = client("submit", "--class", "io.sluice.examples.SqlNetworkWordCount", "--jar",
        examplesJar().toString(), "--jars", ItSupport.sqlJars(), "--executors", "2", "--executor-memory", "256m",
        "--driver-memory", "384m", "--", "--demo", "6");
    assertEquals(0, run.code(), run.text());
    ApplicationId app = appId(run);
    assertEquals(FinalApplicationStatus.SUCCEEDED, yarn.getApplicationReport(app).getFinalApplicationStatus());
    String stdout = Files.readString(ItSupport.containerLogDir(CLUSTER.cluster(), app, "_01_000001", "stdout").resolve("stdout"));
    Matcher count = Pattern.compile("(?m)^\\[the, (\\d+)\\]$").matcher(stdout);
    assertTrue(count.find() && Long.parseLong(count.group(1)) > 0, stdout);
    assertTrue(stdout.contains("========= "), stdout);
  }

  @Test
  void anApplicationThatStopsByItselfSucceeds() throws Exception {
    Dirs dirs = new Dirs("succeeds");
    // The event log on HDFS, read by a history server in this JVM, which the RM links to at the end.
    String eventLogDir = fs.makeQualified(new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), "it/succeeds/events"))
        .toString();
    HistoryServer history = new HistoryServer(CLUSTER.conf(), eventLogDir, 0);
    try {
      // --jars end to end: the driver and the executor each register the marker with Kryo at startup,
      // so the application can only succeed if the jar is on the AM's and the executor's classpath.
      ItSupport.Output run = client("submit", "--class", "io.sluice.examples.FileWordCount", "--jar",
          examplesJar().toString(), "--jars", markerJarDirectory().toString(),
          "--conf", "sluice.kryo.classesToRegister=" + ExtraJarMarker.class.getName(),
          "--conf", "sluice.eventLog.enabled=true", "--conf", "sluice.eventLog.dir=" + eventLogDir,
          "--conf", "sluice.yarn.historyServer.address=127.0.0.1:" + history.port(),
          "--executors", "1", "--executor-memory", "256m", "--driver-memory", "256m",
          "--", dirs.input().toString(), "5");
      assertEquals(0, run.code(), run.text());
      assertTrue(run.text().contains("RUNNING"), run.text());
      assertTrue(run.text().contains("Extra jars (--jars): ") && run.text().contains(": extra-jar-marker.jar"),
          run.text());
      ApplicationId app = appId(run);
      ApplicationReport report = yarn.getApplicationReport(app);
      assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus());
      assertFalse(fs.exists(stagingDir(app)), "staging directory removed");

      String historyUrl = "http://127.0.0.1:" + history.port() + "/history/" + app + "/";
      assertTrue(report.getOriginalTrackingUrl().endsWith("127.0.0.1:" + history.port() + "/history/" + app + "/"),
          "final tracking URL " + report.getOriginalTrackingUrl());
      String apps = httpGet("http://127.0.0.1:" + history.port() + "/api/v1/applications");
      assertTrue(apps.contains("\"id\":\"" + app + "\",\"attemptId\":\"1\"") && apps.contains("\"completed\":true"),
          apps);
      String stats = httpGet(historyUrl + "api/v1/streaming/statistics");
      Matcher completed = Pattern.compile("\"numTotalCompletedBatches\":(\\d+)").matcher(stats);
      assertTrue(completed.find() && Long.parseLong(completed.group(1)) >= 1, stats);
      String batches = httpGet(historyUrl + "api/v1/streaming/batches");
      assertTrue(batches.contains("\"status\":\"completed\""), batches);
      // The executor the application ended with (removals while stopping are not logged).
      String executors = httpGet(historyUrl + "api/v1/executors");
      assertTrue(executors.matches("\\[\\{\"id\":\"exec-1\",\"address\":\"[^\"]+:\\d+\"}]"), executors);
      // The ResourceManager's link (through its proxy) now leads to the history server's page.
      String page = httpGet(report.getTrackingUrl());
      assertTrue(page.contains("<title>Sluice Streaming") && page.contains("<table id=\"batches\">"), page);
    } finally {
      history.stop();
    }
  }

  // ---------------------------------------------------------------- refused submissions

  @Test
  void badSubmissionsAreRefusedClearlyAndLeaveNothingInStaging() throws Exception {
    ItSupport.Output missingJar = client("submit", "--class", WORD_COUNT, "--jar", "/nonexistent/app.jar");
    assertEquals(2, missingJar.code(), missingJar.text());
    assertTrue(missingJar.text().contains("/nonexistent/app.jar"), missingJar.text());

    ItSupport.Output badClass = client("submit", "--class", "com.example.Missing", "--jar", examplesJar().toString());
    assertTrue(badClass.code() != 0, badClass.text());
    assertTrue(badClass.text().contains("com.example.Missing"), badClass.text());

    ItSupport.Output badQueue = client("submit", "--class", WORD_COUNT, "--jar", examplesJar().toString(),
        "--queue", "no-such-queue", "--", "a", "b", "c");
    assertTrue(badQueue.code() != 0, badQueue.text());
    assertTrue(badQueue.text().contains("no-such-queue"), badQueue.text());

    org.apache.hadoop.fs.Path root = StagingLayout.root(fs.getHomeDirectory());
    List<String> left = fs.exists(root) ? Arrays.stream(fs.listStatus(root)).map(f -> f.getPath().getName())
        .filter(name -> name.startsWith("application_")).filter(name -> !isRunning(name)).toList() : List.of();
    assertEquals(List.of(), left, "application directories left in staging");
  }

  // ---------------------------------------------------------------- helpers

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

  /** The word counts the inputs written so far must add up to. */
  private static final class Expected {
    final Map<String, Long> counts = new TreeMap<>();
  }

  /** File n holds the common words plus one word only it has, so a file counted twice or never shows. */
  private static void writeInputs(Dirs dirs, Expected expected, int from, int to) throws IOException {
    for (int n = from; n <= to; n++) {
      List<String> lines = List.of("apple banana apple", "file" + n + " cherry", "banana");
      CLUSTER.writeTextFileAtomically(dirs.input().toString(), "input-" + n + ".txt", lines);
      for (String line : lines) {
        for (String word : line.split(" ")) {
          expected.counts.merge(word, 1L, Long::sum);
        }
      }
    }
  }

  private static ApplicationId submitDetached(Dirs dirs, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("submit", "--class", WORD_COUNT, "--jar", examplesJar().toString(),
        "--name", "RecoverableFileWordCount", "--executors", "2", "--executor-memory", "256m",
        "--driver-memory", "256m", "--conf", "sluice.executor.memoryOverhead=192m", "--detach"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--", dirs.input().toString(), dirs.output().toString(), dirs.checkpoint().toString(), "1"));
    ItSupport.Output out = client(args.toArray(new String[0]));
    assertEquals(0, out.code(), out.text());
    return appId(out);
  }

  private static ApplicationId appId(ItSupport.Output out) {
    return ItSupport.appId(out.text());
  }

  private static ItSupport.Output client(String... args) {
    return ItSupport.client(CLUSTER.cluster(), args);
  }

  private static Path examplesJar() throws IOException {
    return ItSupport.examplesJar();
  }

  /** The NodeManagers' launch scripts of the application's executor containers (not the AM's, container 1). */
  private static List<Path> executorLaunchScripts(ApplicationId app) throws IOException {
    try (Stream<Path> files = Files.walk(CLUSTER.cluster().workDir())) {
      return files.filter(f -> f.getFileName().toString().equals("launch_container.sh"))
          .filter(f -> f.toString().contains(app.toString()) && !f.getParent().getFileName().toString().endsWith("_000001"))
          .toList();
    }
  }

  /** A directory holding one jar with {@link ExtraJarMarker}, for {@code --jars DIR}. */
  private static Path markerJarDirectory() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "it-jars"));
    String entry = ExtraJarMarker.class.getName().replace('.', '/') + ".class";
    try (InputStream in = ExtraJarMarker.class.getResourceAsStream("/" + entry);
         JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("extra-jar-marker.jar")))) {
      jar.putNextEntry(new JarEntry(entry));
      in.transferTo(jar);
      jar.closeEntry();
    }
    return dir.toAbsolutePath();
  }

  private static org.apache.hadoop.fs.Path stagingDir(ApplicationId app) throws IOException {
    return StagingLayout.appDir(fs.getHomeDirectory(), app.toString());
  }

  private static boolean isRunning(String appId) {
    YarnApplicationState state = report(ApplicationId.fromString(appId)).getYarnApplicationState();
    return state == YarnApplicationState.RUNNING || state == YarnApplicationState.ACCEPTED;
  }

  private static ApplicationReport report(ApplicationId app) {
    try {
      return yarn.getApplicationReport(app);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitState(ApplicationId app, YarnApplicationState state) throws InterruptedException {
    await(app + " " + state, () -> report(app).getYarnApplicationState() == state);
  }

  /** The stream has started (a batch was written): files written from now on are new to it. */
  private static void awaitFirstBatch(Dirs dirs) throws InterruptedException {
    await("the first batch of " + dirs.output(), () -> batchDirs(dirs, "counts").size() > 0);
  }

  private static void awaitTotals(Dirs dirs, Expected expected) throws InterruptedException {
    await("totals " + expected.counts, () -> expected.counts.equals(latestTotals(dirs)));
  }

  /**
   * When (to the poll, 250 ms) a completed batch appeared that was not there before: batch
   * directories' modification times are no clock for this, as late writes into old ones move them.
   */
  private static long awaitNewBatch(Dirs dirs, java.util.Set<String> before) throws InterruptedException {
    await("a batch completed after " + before.size() + " earlier ones",
        () -> !before.containsAll(batchNames(dirs)));
    return System.currentTimeMillis();
  }

  /**
   * When attempt 2's own UI (the proxy follows the current attempt's tracking URL) first lists a
   * completed batch: it knows only the batches its driver ran.
   */
  private static long awaitCompletedBatchOfAttempt2(ApplicationId app) throws InterruptedException {
    String batches = CLUSTER.cluster().rmWebAddress() + "/proxy/" + app + "/api/v1/streaming/batches";
    await("a batch completed by attempt 2", () -> {
      try {
        return report(app).getCurrentApplicationAttemptId().getAttemptId() == 2
            && httpGetOrEmpty(batches).contains("\"status\":\"completed\"");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    return System.currentTimeMillis();
  }

  /** The earliest processing end time of the batches attempt 2's driver completed (its UI knows only its own). */
  private static long firstProcessingEndOfAttempt2(ApplicationId app) throws IOException, InterruptedException {
    String api = CLUSTER.cluster().rmWebAddress() + "/proxy/" + app + "/api/v1/streaming/batches";
    Matcher completed = Pattern.compile("\\{\"batchTime\":(\\d+),[^}]*\"status\":\"completed\"").matcher(httpGet(api));
    long first = Long.MAX_VALUE;
    while (completed.find()) {
      Matcher end = Pattern.compile("\"processingEndTime\":(\\d+)").matcher(httpGet(api + "/" + completed.group(1)));
      if (end.find()) {
        first = Math.min(first, Long.parseLong(end.group(1)));
      }
    }
    assertTrue(first < Long.MAX_VALUE, "attempt 2 lists no completed batch with an end time");
    return first;
  }

  /** The body, or "" while the page is not there (e.g. the RM still proxies to a dead attempt). */
  private static String httpGetOrEmpty(String url) throws InterruptedException {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static java.util.Set<String> batchNames(Dirs dirs) {
    return batchDirs(dirs, "counts").stream().map(f -> f.getPath().getName())
        .collect(java.util.stream.Collectors.toSet());
  }

  private static List<FileStatus> batchDirs(Dirs dirs, String kind) {
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(dirs.output(), kind);
      if (!fs.exists(dir)) {
        return List.of();
      }
      return Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isDirectory)
          .filter(f -> isComplete(f.getPath())).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isComplete(org.apache.hadoop.fs.Path batchDir) {
    try {
      return fs.exists(new org.apache.hadoop.fs.Path(batchDir, "_SUCCESS"));
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

  private static String httpGet(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + " -> " + response.body());
    return response.body();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    ItSupport.await(what, WAIT, condition);
  }
}
