package io.sluice.streaming.recovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceConf;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executor processes killed with SIGKILL in the middle of a stream on {@code local-cluster[2,1,512]}.
 * One receiver occupies one executor's only core, so every batch runs on the other executor; the
 * driver replaces a lost executor, reruns its tasks and recomputes the shuffle output it held.
 */
class ExecutorFailureTest {
  private static final String MASTER = "local-cluster[2,1,512]";
  /** Word counts of every batch, merged; filled by foreachRDD on the driver. */
  private static final Map<String, Long> TOTALS = new ConcurrentHashMap<>();

  @TempDir
  Path tmp;
  private ManualStreaming streaming;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void clearTotals() {
    TOTALS.clear();
  }

  @AfterEach
  void stop() {
    if (streaming != null) {
      streaming.close();
    }
  }

  @Test
  void killingTheProcessingExecutorMidBatchKeepsSocketWordCountExact() throws Exception {
    try (LineServer source = new LineServer()) {
      StreamingContext ssc = start(conf(true), c -> c.socketTextStream("127.0.0.1", source.port()));
      source.awaitConnection();
      Map<String, Long> expected = new TreeMap<>();
      source.send(lines(0, 300), expected);
      runUntilTotals(ssc, expected);

      String receiverHost = receiverLocation();
      String processor = other(ssc, receiverHost);
      source.send(lines(300, 600), expected);
      awaitStored(ssc, 300);
      // Start the batch, then kill the executor running it: its tasks and shuffle output are lost.
      streaming.clock().advance(1000);
      kill(processor);
      new ManualStreaming.Driver(ssc).awaitBatch(streaming.clock().currentTimeMillis());
      runUntilTotals(ssc, expected);

      source.send(lines(600, 900), expected);
      runUntilTotals(ssc, expected);
      assertEquals(expected, new TreeMap<>(TOTALS));
      assertTrue(Internals.context().backend(ssc.sluiceContext()).executorIds().contains("exec-3"),
          "a replacement executor registered: " + Internals.context().backend(ssc.sluiceContext()).executorIds());
      assertEquals(receiverHost, receiverLocation(), "the receiver did not move");
    }
  }

  @Test
  void killingTheReceiversExecutorRestartsItElsewhereAndReplicasKeepStoredBlocks() throws Exception {
    try (LineServer source = new LineServer()) {
      StreamingContext ssc = start(conf(false), c -> c.socketTextStream("127.0.0.1", source.port()));
      source.awaitConnection();
      Map<String, Long> expected = new TreeMap<>();
      source.send(lines(0, 200), expected);
      runUntilTotals(ssc, expected);

      // Stored (at MEMORY_AND_DISK_SER_2: replicated) but not yet in a batch when the receiver's executor dies.
      String firstHost = receiverLocation();
      source.send(lines(200, 400), expected);
      awaitStored(ssc, 200);
      kill(firstHost);
      Eventually.await("the receiver restarted on another executor", 30_000,
          () -> !receiverLocation().equals(firstHost) && receiverActive());
      source.awaitConnection();
      source.send(lines(400, 600), expected);
      runUntilTotals(ssc, expected);
      assertEquals(expected, new TreeMap<>(TOTALS), "nothing stored before the kill was lost");
    }
  }

  @Test
  void reliableReceiverWithWriteAheadLogLosesNothingWhenItsExecutorDies() throws Exception {
    try (ChunkServer source = new ChunkServer()) {
      String[] hostPort = source.uri().substring("tcp://".length()).split(":");
      StreamingContext ssc = start(conf(true),
          c -> c.receiverStream(new RecoverableWordCountDriver.AckingLineReceiver(hostPort[0],
              Integer.parseInt(hostPort[1]))));
      Map<String, Long> expected = new TreeMap<>();
      for (int chunk = 0; chunk < 10; chunk++) {
        addChunk(source, lines(chunk * 50, chunk * 50 + 50), expected);
      }
      Eventually.await("every chunk acknowledged", 30_000, source::allAcked);
      // Every chunk is in the log and on the receiver's executor only (one copy with the log on): kill it.
      String firstHost = receiverLocation();
      kill(firstHost);
      Eventually.await("the receiver restarted on another executor", 30_000,
          () -> !receiverLocation().equals(firstHost) && receiverActive());
      for (int chunk = 10; chunk < 20; chunk++) {
        addChunk(source, lines(chunk * 50, chunk * 50 + 50), expected);
      }
      Eventually.await("every chunk acknowledged", 30_000, source::allAcked);
      runUntilTotals(ssc, expected);
      assertEquals(expected, new TreeMap<>(TOTALS));
      assertEquals(0, source.resent(), "all chunks were acknowledged before the kill: none is sent twice");
    }
  }

  // ---------------------------------------------------------------- the job

  private interface Source {
    io.sluice.streaming.DStream<String> lines(StreamingContext ssc);
  }

  /** @param writeAheadLog received blocks also go to a log under the checkpoint directory */
  private static SluiceConf conf(boolean writeAheadLog) {
    return ManualStreaming.conf(MASTER).set("sluice.streaming.receiverRestartDelay", "100")
        .set("sluice.locality.wait", "0")
        .set("sluice.streaming.receiver.writeAheadLog.enable", Boolean.toString(writeAheadLog));
  }

  private StreamingContext start(SluiceConf conf, Source source) throws IOException {
    streaming = new ManualStreaming(conf, io.sluice.streaming.Durations.seconds(1));
    StreamingContext ssc = streaming.ssc();
    if ("true".equals(conf.get("sluice.streaming.receiver.writeAheadLog.enable", "false"))) {
      ssc.checkpoint(Files.createDirectories(tmp.resolve("checkpoint")).toUri().toString());
    }
    PairDStream<String, Long> counts = source.lines(ssc)
        .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
        .mapToPair(word -> new Tuple2<>(word, 1L))
        .reduceByKey(Long::sum);
    counts.foreachRDD(rdd -> {
      for (Tuple2<String, Long> t : rdd.collect()) {
        TOTALS.merge(t._1(), t._2(), Long::sum);
      }
    });
    ssc.addStreamingListener(listener);
    streaming.start();
    return ssc;
  }

  /** Runs batches until the totals reach {@code expected} (records arrive in real time), then one more. */
  private void runUntilTotals(StreamingContext ssc, Map<String, Long> expected) {
    long deadline = System.currentTimeMillis() + 60_000;
    ManualStreaming.Driver driver = new ManualStreaming.Driver(ssc);
    while (!new TreeMap<>(TOTALS).equals(expected)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("totals never reached the expected counts; missing or extra: "
            + difference(expected));
      }
      driver.runBatches(1);
    }
    driver.runBatches(1);
  }

  private static String difference(Map<String, Long> expected) {
    Map<String, String> diff = new TreeMap<>();
    expected.forEach((w, n) -> {
      long got = TOTALS.getOrDefault(w, 0L);
      if (got != n) {
        diff.put(w, got + " of " + n);
      }
    });
    TOTALS.keySet().stream().filter(w -> !expected.containsKey(w)).forEach(w -> diff.put(w, "unexpected"));
    return diff.toString();
  }

  private static void awaitStored(StreamingContext ssc, long records) {
    var tracker = Internals.streaming().runtime(ssc).orElseThrow().receiverTracker();
    Eventually.await(records + " records stored", 30_000, () -> tracker.unallocatedRecords() >= records);
  }

  // ---------------------------------------------------------------- executors

  private String receiverLocation() {
    List<ReceiverInfo> started = listener.infos("receiverStarted");
    return started.isEmpty() ? "" : started.get(started.size() - 1).location();
  }

  private boolean receiverActive() {
    return Internals.streaming().runtime(streaming.ssc()).orElseThrow().receiverTracker().receiverInfos().stream()
        .allMatch(ReceiverInfo::active);
  }

  private static String other(StreamingContext ssc, String executorId) {
    List<String> all = Internals.context().backend(ssc.sluiceContext()).executorIds();
    String other = all.stream().filter(e -> !e.equals(executorId)).findFirst().orElseThrow();
    assertNotEquals(executorId, other);
    return other;
  }

  /** SIGKILL to the child JVM started for {@code executorId} (its launch spec path names it). */
  private static void kill(String executorId) throws Exception {
    ProcessHandle process = ProcessHandle.current().children()
        .filter(p -> commandLine(p).contains("/" + executorId + "/launch.properties"))
        .findFirst().orElseThrow(() -> new AssertionError("no process for executor " + executorId));
    new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
    process.onExit().get(10, TimeUnit.SECONDS);
  }

  /** The process's command line from /proc (ProcessHandle.Info may leave out the arguments). */
  private static String commandLine(ProcessHandle process) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  // ---------------------------------------------------------------- input

  private static List<String> lines(int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add("w" + (i % 7) + " line" + i + " w" + (i % 3));
    }
    return lines;
  }

  private static void count(List<String> lines, Map<String, Long> expected) {
    for (String line : lines) {
      for (String word : line.split(" ")) {
        expected.merge(word, 1L, Long::sum);
      }
    }
  }

  private static void addChunk(ChunkServer source, List<String> lines, Map<String, Long> expected) {
    source.add(lines);
    count(lines, expected);
  }

  /** A plain loopback line source for socketTextStream that accepts a new connection after a drop. */
  private static final class LineServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private Socket current;
    private Writer out;

    LineServer() throws IOException {}

    int port() {
      return server.getLocalPort();
    }

    void awaitConnection() throws IOException {
      server.setSoTimeout(30_000);
      current = server.accept();
      out = new OutputStreamWriter(current.getOutputStream(), UTF_8);
    }

    void send(List<String> lines, Map<String, Long> expected) throws IOException {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
      out.flush();
      count(lines, expected);
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
      }
      server.close();
    }
  }
}
