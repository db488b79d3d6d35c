package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storage faults under running applications (issue 15, items 1 and 2) on a dev cluster with three
 * DataNodes and two replicas: a DataNode of the receiver's write-ahead log pipeline stopped and
 * later restarted, the NameNode restarted while batches run, and the NameNode restarted while a
 * new ApplicationMaster attempt recovers. Every case ends with the output compared exactly with
 * what was sent, and prints how long the application took to produce correct output again.
 */
class StorageFaultIT {
  @RegisterExtension
  static final SharedDevCluster CLUSTER = new SharedDevCluster().dataNodes(3);

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String NETWORK_WORD_COUNT = "io.sluice.examples.RecoverableNetworkWordCount";
  private static final String FILE_WORD_COUNT = "io.sluice.examples.RecoverableFileWordCount";
  private static final String KAFKA_WORD_COUNT = "io.sluice.examples.RecoverableKafkaWordCount";
  private static final String KAFKA_TOPIC = "storage-words";

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

  // ---------------------------------------------------------------- 1 and 2: a DataNode lost, the NameNode restarted

  /**
   * Both faults hit one application, one after the other, to spend the CI minutes of one submit on
   * two cases: first a DataNode of the pipeline of the receiver's log file being written stops (the
   * writers go on with the replica left), then the NameNode restarts while lines keep arriving.
   */
  @Test
  void theWalReceiverLosesNoRecordWhenADataNodeOfItsPipelineStopsOrTheNameNodeRestarts() throws Exception {
    try (LineFeed feed = new LineFeed()) {
      NetworkRun run = submitNetworkWordCount("wal-receiver", feed);
      Map<String, Long> expected = new TreeMap<>();
      feed.send(lines(1, 200), expected);
      awaitNetworkTotals(run, expected);

      // The receiver's log file being written right now: its pipeline holds two of the three DataNodes.
      org.apache.hadoop.fs.Path wal = newestFile(new org.apache.hadoop.fs.Path(run.checkpoint(), "receivedData"));
      List<String> pipeline = lastBlockHolders(wal);
      assertEquals(2, pipeline.size(), "replicas of the last block of " + wal + ": " + pipeline);
      String victim = pipeline.get(0);
      long stoppedAt = System.currentTimeMillis();
      CLUSTER.cluster().stopDataNode(victim);
      feed.send(lines(2, 200), expected);
      awaitNetworkTotals(run, expected);
      System.out.printf("DataNode-stop-to-correct-output: %d ms (stopped %s of %s's pipeline)%n",
          System.currentTimeMillis() - stoppedAt, victim, wal.getName());

      CLUSTER.cluster().restartDataNode(victim);
      assertTrue(CLUSTER.cluster().dataNodes().contains(victim), CLUSTER.cluster().dataNodes().toString());
      feed.send(lines(3, 200), expected);
      awaitNetworkTotals(run, expected);

      long restartedAt = System.currentTimeMillis();
      CompletableFuture<Long> restart = restartNameNodeInTheBackground();
      // Lines arrive while the NameNode is down and then in safe mode: new log files cannot be created.
      for (int round = 4; round <= 9 && !restart.isDone(); round++) {
        feed.send(lines(round, 50), expected);
        Thread.sleep(1000);
      }
      long nameNodeBack = restart.get();
      awaitNetworkTotals(run, expected);
      System.out.printf("NameNode-restart-to-correct-output: %d ms (NameNode down and in safe mode for %d ms)%n",
          System.currentTimeMillis() - restartedAt, nameNodeBack - restartedAt);
      // Checkpoints failed while it was away (batches went on); the next one written catches up.
      await("a checkpoint written after the NameNode came back", () -> newestCheckpointTime(run) >= nameNodeBack);

      feed.send(lines(10, 200), expected);
      awaitNetworkTotals(run, expected);
      assertEquals(expected, networkTotals(run), "every line counted exactly once");
      assertRunning(run.app());
      yarn.killApplication(run.app());
    }
  }

  /**
   * The same two faults under the file source: a DataNode holding the newest output stops (output
   * and checkpoints go on with the replicas left) and comes back, then the NameNode restarts while
   * batches run (the directory cannot be listed, nor output written, until it is back). Files written
   * around the faults are each counted exactly once.
   */
  @Test
  void theFileSourceCountsEveryFileExactlyOnceWhenADataNodeStopsOrTheNameNodeRestarts() throws Exception {
    FileDirs dirs = new FileDirs("file-storage");
    ApplicationId app = submit(FILE_WORD_COUNT, "--", dirs.input().toString(), dirs.output().toString(),
        dirs.checkpoint().toString(), "1");
    awaitState(app, YarnApplicationState.RUNNING);
    await("the first batch of " + dirs.output(), () -> !batchDirs(dirs, "counts").isEmpty());
    Map<String, Long> expected = new TreeMap<>();
    // Round r writes three files of their own; the test's writes need the NameNode, so none while it is away.
    Feed files = round -> writeInputs(dirs, expected, 10 * round + 1, 10 * round + 3);
    checkOutputThroughStorageFaults("File source", dirs, expected, files, false);
    assertRunning(app);
    yarn.killApplication(app);
  }

  /**
   * The same two faults under the Kafka direct stream (no receiver, no log: offsets in the
   * checkpoints): a DataNode holding the newest output stops and comes back, then the NameNode
   * restarts while messages keep arriving. Every message is counted exactly once.
   */
  @Test
  void theKafkaDirectStreamCountsEveryMessageExactlyOnceWhenADataNodeStopsOrTheNameNodeRestarts() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopic(KAFKA_TOPIC, 4);
      FileDirs dirs = new FileDirs("kafka-storage");
      ApplicationId app = submit(KAFKA_WORD_COUNT, "--jars", ItSupport.kafkaJars(), "--", broker.bootstrapServers(),
          KAFKA_TOPIC, dirs.output().toString(), dirs.checkpoint().toString(), "1");
      awaitState(app, YarnApplicationState.RUNNING);
      Map<String, Long> expected = new TreeMap<>();
      checkOutputThroughStorageFaults("Kafka", dirs, expected, round -> send(broker, expected, round, 200), true);
      assertRunning(app);
      yarn.killApplication(app);
    }
  }

  /** Sends round {@code round} of an application's input, adding it to the expected counts. */
  @FunctionalInterface
  private interface Feed {
    void send(int round) throws Exception;
  }

  /**
   * Feeds an application writing batch counts and totals to {@code dirs} and checks its totals
   * after each step: a DataNode holding its newest output stopped, then restarted, then the NameNode
   * restarted (fed while it is away when {@code whileAway}); finally every batch's counts must add up
   * to exactly what was fed. Prints the recovery times, prefixed by {@code source}.
   */
  private static void checkOutputThroughStorageFaults(String source, FileDirs dirs, Map<String, Long> expected,
      Feed feed, boolean whileAway) throws Exception {
    feed.send(1);
    awaitTotals(dirs, expected);

    String victim = newestOutputHolders(dirs.output()).get(0);
    long stoppedAt = System.currentTimeMillis();
    CLUSTER.cluster().stopDataNode(victim);
    feed.send(2);
    awaitTotals(dirs, expected);
    System.out.printf("%s: DataNode-stop-to-correct-totals: %d ms (stopped %s)%n", source,
        System.currentTimeMillis() - stoppedAt, victim);
    CLUSTER.cluster().restartDataNode(victim);
    feed.send(3);
    awaitTotals(dirs, expected);

    long restartedAt = System.currentTimeMillis();
    CompletableFuture<Long> restart = restartNameNodeInTheBackground();
    for (int round = 4; whileAway && round <= 9 && !restart.isDone(); round++) {
      feed.send(round);
      Thread.sleep(1000);
    }
    long nameNodeBack = restart.get();
    feed.send(10);
    awaitTotals(dirs, expected);
    System.out.printf("%s: NameNode-restart-to-correct-totals: %d ms (NameNode back after %d ms)%n", source,
        System.currentTimeMillis() - restartedAt, nameNodeBack - restartedAt);
    assertEquals(expected, sumOfBatchCounts(dirs), "everything fed counted exactly once");
  }

  /** Restarts the NameNode on another thread; completes with the time it is back, out of safe mode. */
  private static CompletableFuture<Long> restartNameNodeInTheBackground() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        CLUSTER.cluster().restartNameNode();
        return System.currentTimeMillis();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static void awaitTotals(FileDirs dirs, Map<String, Long> expected) throws InterruptedException {
    await("totals " + expected, () -> expected.equals(latestTotals(dirs)));
  }

  /** {@code n} messages, each with two common words and one of its own, so a lost or doubled one shows. */
  private static void send(EmbeddedKafkaBroker broker, Map<String, Long> expected, int round, int n) throws Exception {
    try (var producer = broker.newProducer(Map.of())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String line = "apple banana k" + round + "m" + i;
        for (String word : line.split(" ")) {
          expected.merge(word, 1L, Long::sum);
        }
        acks.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(KAFKA_TOPIC, i % 4, null, line)));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get();
      }
    }
  }

  // ---------------------------------------------------------------- 2: NameNode restart during AM recovery

  @Test
  void aNameNodeRestartWhileANewAttemptRecoversCountsEveryFileExactlyOnce() throws Exception {
    FileDirs dirs = new FileDirs("am-recovery");
    ApplicationId app = submit(FILE_WORD_COUNT, "--max-attempts", "2", "--", dirs.input().toString(),
        dirs.output().toString(), dirs.checkpoint().toString(), "1");
    awaitState(app, YarnApplicationState.RUNNING);
    await("the first batch of " + dirs.output(), () -> !batchDirs(dirs, "counts").isEmpty());
    Map<String, Long> expected = new TreeMap<>();
    writeInputs(dirs, expected, 1, 3);
    await("totals " + expected, () -> expected.equals(latestTotals(dirs)));

    List<String> before = batchDirs(dirs, "counts").stream().map(f -> f.getPath().getName()).toList();
    long killedAt = System.currentTimeMillis();
    ContainerProcesses.killOne("io.sluice.yarn.ApplicationMasterMain", app.toString());
    CLUSTER.cluster().restartNameNode();
    long nameNodeBack = System.currentTimeMillis();
    writeInputs(dirs, expected, 4, 5);
    await("a batch completed after " + before.size() + " earlier ones",
        () -> !before.containsAll(batchDirs(dirs, "counts").stream().map(f -> f.getPath().getName()).toList()));
    long firstNewBatch = System.currentTimeMillis();
    await("totals " + expected, () -> expected.equals(latestTotals(dirs)));
    System.out.printf("AM-kill-and-NameNode-restart-to-first-new-batch: %d ms (NameNode back after %d ms),"
        + " to correct totals: %d ms%n", firstNewBatch - killedAt, nameNodeBack - killedAt,
        System.currentTimeMillis() - killedAt);

    assertEquals(expected, sumOfBatchCounts(dirs), "every file counted exactly once across attempts");
    ApplicationReport report = yarn.getApplicationReport(app);
    assertEquals(2, report.getCurrentApplicationAttemptId().getAttemptId(), "the attempt that recovered");
    assertRunning(app);
    yarn.killApplication(app);
  }

  // ---------------------------------------------------------------- the socket word count

  /** An application counting the lines of a {@link LineFeed}, appending each batch's counts to a local file. */
  private record NetworkRun(ApplicationId app, org.apache.hadoop.fs.Path checkpoint, Path output) {}

  /**
   * RecoverableNetworkWordCount with the receivers' write-ahead log on, reading {@code feed}. The
   * driver (in the AM's container, on this machine) appends to a local file, read here.
   */
  private static NetworkRun submitNetworkWordCount(String name, LineFeed feed) throws Exception {
    org.apache.hadoop.fs.Path checkpoint = qualified(name + "/checkpoint");
    Path output = Files.createDirectories(Path.of("target", "it-storage-faults")).toAbsolutePath()
        .resolve(name + "-counts.txt");
    Files.deleteIfExists(output);
    ApplicationId app = submit(NETWORK_WORD_COUNT, "--conf", "sluice.streaming.receiver.writeAheadLog.enable=true",
        "--", feed.host(), Integer.toString(feed.port()), checkpoint.toString(), output.toString());
    awaitState(app, YarnApplicationState.RUNNING);
    await("the receiver connected to the line feed", () -> feed.connections() >= 1);
    return new NetworkRun(app, checkpoint, output);
  }

  /** The batch time of the newest metadata checkpoint ({@code checkpoint-<ms>}), or -1. */
  private static long newestCheckpointTime(NetworkRun run) {
    try {
      return Arrays.stream(fs.listStatus(run.checkpoint())).map(f -> f.getPath().getName())
          .filter(name -> name.matches("checkpoint-\\d+")).mapToLong(name -> Long.parseLong(name.substring(11)))
          .max().orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  private static void awaitNetworkTotals(NetworkRun run, Map<String, Long> expected) throws InterruptedException {
    await("network word count totals " + expected.size() + " words", () -> expected.equals(networkTotals(run)));
  }

  /** The sum of every batch's counts the driver appended, lines like {@code Counts at time ... {a=2, b=1}}. */
  private static Map<String, Long> networkTotals(NetworkRun run) {
    Map<String, Long> totals = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.exists(run.output()) ? Files.readAllLines(run.output()) : List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String line : lines) {
      int open = line.indexOf('{');
      if (!line.startsWith("Counts at time ") || open < 0 || !line.endsWith("}")) {
        continue; // a line being appended
      }
      String inner = line.substring(open + 1, line.length() - 1);
      if (inner.isEmpty()) {
        continue;
      }
      for (String entry : inner.split(", ")) {
        int eq = entry.lastIndexOf('=');
        totals.merge(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)), Long::sum);
      }
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

  private record FileDirs(org.apache.hadoop.fs.Path input, org.apache.hadoop.fs.Path output,
                          org.apache.hadoop.fs.Path checkpoint) {
    FileDirs(String name) throws IOException {
      this(qualified(name + "/in"), qualified(name + "/out"), qualified(name + "/checkpoint"));
      fs.mkdirs(input);
    }
  }

  /** File n holds the common words plus one word only it has, so a file counted twice or never shows. */
  private static void writeInputs(FileDirs dirs, Map<String, Long> expected, int from, int to) throws IOException {
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

  /** The complete batch directories of {@code kind} (counts or totals), oldest first; none while HDFS is away. */
  private static List<FileStatus> batchDirs(FileDirs dirs, String kind) {
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(dirs.output(), kind);
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<FileStatus> complete = new ArrayList<>();
      for (FileStatus batch : fs.listStatus(dir)) {
        if (batch.isDirectory() && fs.exists(new org.apache.hadoop.fs.Path(batch.getPath(), "_SUCCESS"))) {
          complete.add(batch);
        }
      }
      complete.sort(null);
      return complete;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Map<String, Long> latestTotals(FileDirs dirs) {
    List<FileStatus> totals = batchDirs(dirs, "totals");
    return totals.isEmpty() ? Map.of() : parseCounts(totals.get(totals.size() - 1).getPath());
  }

  private static Map<String, Long> sumOfBatchCounts(FileDirs dirs) {
    Map<String, Long> sum = new TreeMap<>();
    for (FileStatus batch : batchDirs(dirs, "counts")) {
      parseCounts(batch.getPath()).forEach((w, c) -> sum.merge(w, c, Long::sum));
    }
    return sum;
  }

  private static Map<String, Long> parseCounts(org.apache.hadoop.fs.Path dir) {
    Map<String, Long> counts = new TreeMap<>();
    try {
      for (String line : CLUSTER.readPartFileLines(dir.toString())) {
        ItSupport.addCount(counts, line);
      }
    } catch (IOException e) {
      return Map.of(); // HDFS away for a moment: not there yet
    }
    return counts;
  }

  // ---------------------------------------------------------------- shared

  private static ApplicationId submit(String mainClass, String... rest) throws Exception {
    List<String> args = new ArrayList<>(List.of("submit", "--class", mainClass, "--jar",
        ItSupport.examplesJar().toString(), "--name", mainClass.substring(mainClass.lastIndexOf('.') + 1),
        "--executors", "2", "--executor-memory", "256m", "--driver-memory", "256m",
        "--conf", "sluice.executor.memoryOverhead=192m", "--detach"));
    args.addAll(Arrays.asList(rest));
    ItSupport.Output out = client(args.toArray(new String[0]));
    assertEquals(0, out.code(), out.text());
    return ItSupport.appId(out.text());
  }

  /** The newest file anywhere under {@code dir}, by modification time. */
  private static org.apache.hadoop.fs.Path newestFile(org.apache.hadoop.fs.Path dir) throws IOException {
    List<LocatedFileStatus> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      files.add(it.next());
    }
    assertFalse(files.isEmpty(), "no file under " + dir);
    return files.stream().max(Comparator.comparingLong(FileStatus::getModificationTime)).orElseThrow().getPath();
  }

  /**
   * The DataNodes holding the newest committed output part file under {@code dir}. The application
   * keeps writing meanwhile: a task's attempt file is renamed away when its batch commits, and may go
   * between the listing and the block lookup, so attempts are skipped and a vanished file means look again.
   */
  private static List<String> newestOutputHolders(org.apache.hadoop.fs.Path dir) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return lastBlockHolders(newestPartFile(dir));
      } catch (FileNotFoundException e) {
        if (attempt == 5) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  /** The newest committed output part file under {@code dir} (not an empty _SUCCESS marker, not an attempt's). */
  private static org.apache.hadoop.fs.Path newestPartFile(org.apache.hadoop.fs.Path dir) throws IOException {
    org.apache.hadoop.fs.Path newest = null;
    long newestTime = -1;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      LocatedFileStatus file = it.next();
      boolean committed = !file.getPath().toUri().getPath().contains("/_temporary/");
      if (committed && file.getPath().getName().startsWith("part-") && file.getLen() > 0
          && file.getModificationTime() > newestTime) {
        newest = file.getPath();
        newestTime = file.getModificationTime();
      }
    }
    assertTrue(newest != null, "no part file under " + dir);
    return newest;
  }

  /** The DataNodes ({@code host:port}) holding the last block of {@code file}, for an open file its pipeline. */
  private static List<String> lastBlockHolders(org.apache.hadoop.fs.Path file) throws IOException {
    BlockLocation[] blocks = fs.getFileBlockLocations(file, 0, Long.MAX_VALUE);
    assertTrue(blocks.length > 0, "no blocks in " + file);
    return List.of(blocks[blocks.length - 1].getNames());
  }

  private static org.apache.hadoop.fs.Path qualified(String relative) throws IOException {
    return fs.makeQualified(new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), "it/" + relative));
  }

  private static void assertRunning(ApplicationId app) throws Exception {
    assertEquals(YarnApplicationState.RUNNING, yarn.getApplicationReport(app).getYarnApplicationState());
  }

  private static void awaitState(ApplicationId app, YarnApplicationState state) throws InterruptedException {
    await(app + " " + state, () -> {
      try {
        return yarn.getApplicationReport(app).getYarnApplicationState() == state;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static ItSupport.Output client(String... args) {
    return ItSupport.client(CLUSTER.cluster(), args);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    ItSupport.await(what, WAIT, condition);
  }
}
