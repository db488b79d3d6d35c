package io.sluice.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A sink slower than the data (issue 15, item 7): a loopback server writes numbered lines as fast
 * as TCP takes them while the output operation spends ~0.15 ms on every record, a fraction of the
 * input rate. With backpressure the receiver stores no faster than the sink drains, so no batch
 * holds more than a few batch intervals' worth (without it the first batches take everything the
 * socket delivers), the unread rest waits in TCP, and every line is processed exactly once.
 * Real time (a rate controller needs real processing times): about ten seconds.
 */
class SlowSinkBackpressureTest {
  private static final int LINES = 20_000;
  private static final long BATCH_MS = 200;
  private static final long NANOS_PER_RECORD = 100_000; // parks ~0.1-0.2 ms: a sink of ~5-10k records/s
  /**
   * What a batch may hold: the initial rate bounds the first ones (400), the estimate the rest (about
   * the sink's rate, ~2,000 per batch at most). Without backpressure the first batch alone holds
   * most of the 20,000 lines, which the server writes in a fraction of a second.
   */
  private static final long MAX_BATCH_RECORDS = 5_000;
  private static final Set<Integer> PROCESSED = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger DUPLICATES = new AtomicInteger();

  @Test
  void backpressureBoundsEveryBatchAndNothingIsDroppedOrCountedTwice() throws Exception {
    PROCESSED.clear();
    DUPLICATES.set(0);
    List<Long> batchSizes = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread writer = new Thread(() -> serve(server), "slow-sink-test-server");
      writer.setDaemon(true);
      writer.start();

      SluiceConf conf = new SluiceConf(false).setMaster("local[2]").setAppName("SlowSinkBackpressureTest")
          .set("sluice.ui.enabled", "false")
          .set("sluice.streaming.backpressure.enabled", "true")
          .set("sluice.streaming.backpressure.initialRate", "2000");
      StreamingContext ssc = new StreamingContext(conf, Durations.milliseconds(BATCH_MS));
      try {
        ssc.addStreamingListener(new StreamingListener() {
          @Override
          public void onBatchCompleted(BatchInfo batch) {
            batchSizes.add(batch.numRecords());
          }
        });
        ssc.socketTextStream("127.0.0.1", server.getLocalPort()).foreachRDD(rdd -> rdd.foreach(line -> {
          LockSupport.parkNanos(NANOS_PER_RECORD);
          if (!PROCESSED.add(Integer.parseInt(line))) {
            DUPLICATES.incrementAndGet();
          }
        }));
        ssc.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (PROCESSED.size() < LINES && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      } finally {
        ssc.stop(true, false);
      }
    }
    assertEquals(LINES, PROCESSED.size(), "lines processed (batch sizes " + batchSizes + ")");
    assertEquals(0, DUPLICATES.get(), "lines processed twice");
    long largest = batchSizes.stream().mapToLong(Long::longValue).max().orElse(0);
    assertTrue(largest <= MAX_BATCH_RECORDS, "a batch held " + largest + " records: " + batchSizes);
    assertTrue(batchSizes.size() >= LINES / MAX_BATCH_RECORDS, "batches: " + batchSizes);
  }

  /** Writes lines 0..LINES-1 to the one receiver as fast as the socket takes them, then holds it open. */
  private static void serve(ServerSocket server) {
    try (Socket client = server.accept()) {
      OutputStream out = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
      for (int i = 0; i < LINES; i++) {
        out.write((i + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      // Closing would make the receiver restart and reconnect to nobody; the test's end closes it.
      Thread.sleep(Long.MAX_VALUE);
    } catch (IOException | InterruptedException e) {
      // the test ended
    }
  }
}
