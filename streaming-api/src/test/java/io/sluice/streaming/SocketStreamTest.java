package io.sluice.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceConf;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * socketTextStream against a real loopback server that goes away and comes back on the same port.
 * Batches are driven by the manual clock, but the receiver reads and makes blocks in real time, so
 * the test advances the clock batch by batch until the expected totals arrive (with a deadline).
 */
class SocketStreamTest {
  private static final Duration BATCH = Durations.seconds(1);
  private static final long DEADLINE_MS = 20_000;
  private static final Map<String, Long> WORD_COUNTS = new ConcurrentHashMap<>();

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server.setSoTimeout((int) DEADLINE_MS);
    return server;
  }

  /** Accepts one connection, stops accepting, sends {@code lines} copies of {@code line}, closes. */
  private static void serveOnce(ServerSocket server, String line, int lines) throws IOException {
    try (Socket client = server.accept()) {
      server.close();
      OutputStream out = client.getOutputStream();
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < lines; i++) {
        out.write(bytes);
      }
      out.flush();
    }
  }

  private static long total() {
    return WORD_COUNTS.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Runs batches until {@code done}, pausing briefly between them for the receiver's real-time blocks. */
  private static void runBatchesUntil(ManualStreaming t, String what, BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + DEADLINE_MS;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Timed out waiting for " + what + "; counts so far: " + new TreeMap<>(WORD_COUNTS));
      }
      t.runBatches(1);
      Eventually.pause(10);
    }
  }

  @Test
  void receiverReconnectsToARestartedServerAndCountsEveryLine() throws Exception {
    WORD_COUNTS.clear();
    RecordingListener listener = new RecordingListener();
    ServerSocket first = listen(0);
    int port = first.getLocalPort();
    SluiceConf conf = ManualStreaming.conf("local[2]")
        .set("sluice.streaming.blockInterval", "50")
        .set("sluice.streaming.receiverRestartDelay.max", "200");
    try (ManualStreaming t = new ManualStreaming(conf, BATCH)) {
      t.ssc().addStreamingListener(listener);
      t.ssc().socketTextStream("127.0.0.1", port)
          .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
          .mapToPair(w -> new Tuple2<>(w, 1L))
          .reduceByKey(Long::sum)
          .foreachRDD(rdd -> rdd.collect().forEach(kv -> WORD_COUNTS.merge(kv._1(), kv._2(), Long::sum)));
      t.start();

      serveOnce(first, "alpha beta", 100);
      runBatchesUntil(t, "the lines of the first connection", () -> total() >= 200);
      assertEquals(Map.of("alpha", 100L, "beta", 100L), new TreeMap<>(WORD_COUNTS));

      // Nothing listens now: the receiver reports failed reconnections and keeps trying.
      int errorsBefore = listener.receiverErrors().size();
      Eventually.await("failed reconnection attempts", DEADLINE_MS,
          () -> listener.receiverErrors().size() >= errorsBefore + 2);
      assertEquals(StreamingContextState.ACTIVE, t.ssc().getState());

      try (ServerSocket second = listen(port)) {
        serveOnce(second, "gamma beta", 60);
      }
      runBatchesUntil(t, "the lines of the second connection", () -> total() >= 320);
      assertEquals(Map.of("alpha", 100L, "beta", 160L, "gamma", 60L), new TreeMap<>(WORD_COUNTS));
      // A few more batches: nothing is counted twice.
      t.runBatches(2);
      assertEquals(320, total());
      assertTrue(listener.receiverErrors().stream().anyMatch(r -> r.lastError().contains(String.valueOf(port))),
          listener.receiverErrors().toString());
    } finally {
      first.close();
    }
  }
}
