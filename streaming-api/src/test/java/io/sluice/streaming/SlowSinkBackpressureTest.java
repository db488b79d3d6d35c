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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A sink slower than the data (issue 15, item 7): a loopback server writes numbered lines as fast
 * as TCP takes them while the output operation spends ~0.15 ms on every record, a fraction of the
 * input rate. With backpressure the receiver stores no faster than the sink drains, so no batch
 * holds more than a few batch intervals' worth (without it the first batches take everything the
 * socket delivers), the unread rest waits in TCP, and every line is processed exactly once.
 * Also: a backlog does not all land in the first batch when no initial rate is set.
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
    List<Long> batchSizes;
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread writer = new Thread(() -> serve(server, LINES), "slow-sink-test-server");
      writer.setDaemon(true);
      writer.start();
      batchSizes = runUntilProcessed(Map.of("sluice.streaming.backpressure.initialRate", "2000"),
          Durations.milliseconds(BATCH_MS), LINES, NANOS_PER_RECORD,
          ssc -> ssc.socketTextStream("127.0.0.1", server.getLocalPort()).map(Integer::parseInt));
    }
    long largest = batchSizes.stream().mapToLong(Long::longValue).max().orElse(0);
    assertTrue(largest <= MAX_BATCH_RECORDS, "a batch held " + largest + " records: " + batchSizes);
    assertTrue(batchSizes.size() >= LINES / MAX_BATCH_RECORDS, "batches: " + batchSizes);
  }

  /**
   * Without an initial rate set, the first batch of a source with a backlog is still bounded: 10,000
   * records per block interval (50,000/s at 200 ms blocks), where it took everything the receiver
   * could store in a batch interval (millions of records here), all of it on cold code. The rate
   * estimate after it lets the rest through at the speed batches go; every record arrives once.
   */
  @Test
  void withoutAnInitialRateTheFirstBatchIsStillBounded() throws Exception {
    int records = 500_000;
    List<Long> batchSizes = runUntilProcessed(Map.of(), Durations.seconds(1), records, 0,
        ssc -> ssc.receiverStream(new BacklogReceiver(records)));
    long first = batchSizes.stream().filter(n -> n > 0).findFirst().orElseThrow();
    // Each block holds rate x (interval + a few ms of catch-up): five blocks a second, with room.
    assertTrue(first <= 52_500, "the first batch held " + first + " records: " + batchSizes);
  }

  /**
   * Runs a local[2] context with backpressure on until records 0..count-1 of {@code source} were
   * all processed (each costing {@code nanosPerRecord} of the sink's time), checks each was processed
   * exactly once, and returns the batches' sizes.
   */
  private static List<Long> runUntilProcessed(Map<String, String> settings, Duration batch, int count,
                                              long nanosPerRecord, Function<StreamingContext, DStream<Integer>> source)
      throws InterruptedException {
    PROCESSED.clear();
    DUPLICATES.set(0);
    List<Long> batchSizes = new CopyOnWriteArrayList<>();
    SluiceConf conf = new SluiceConf(false).setMaster("local[2]").setAppName("SlowSinkBackpressureTest")
        .set("sluice.ui.enabled", "false").set("sluice.streaming.backpressure.enabled", "true");
    settings.forEach(conf::set);
    StreamingContext ssc = new StreamingContext(conf, batch);
    try {
      ssc.addStreamingListener(new StreamingListener() {
        @Override
        public void onBatchCompleted(BatchInfo info) {
          batchSizes.add(info.numRecords());
        }
      });
      source.apply(ssc).foreachRDD(rdd -> rdd.foreach(i -> {
        if (nanosPerRecord > 0) {
          LockSupport.parkNanos(nanosPerRecord);
        }
        if (!PROCESSED.add(i)) {
          DUPLICATES.incrementAndGet();
        }
      }));
      ssc.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (PROCESSED.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      ssc.stop(true, false);
    }
    assertEquals(count, PROCESSED.size(), "records processed (batch sizes " + batchSizes + ")");
    assertEquals(0, DUPLICATES.get(), "records processed twice");
    return batchSizes;
  }

  /** A source with a backlog: stores 0..count-1 as fast as it is let, then idles. */
  static final class BacklogReceiver extends io.sluice.streaming.receiver.Receiver<Integer> {
    private static final long serialVersionUID = 1L;
    private final int count;

    BacklogReceiver(int count) {
      super(io.sluice.core.StorageLevel.MEMORY_ONLY);
      this.count = count;
    }

    @Override
    public void onStart() {
      Thread feeder = new Thread(() -> {
        for (int i = 0; i < count && !isStopped(); i++) {
          store(i);
        }
      }, "backlog-receiver");
      feeder.setDaemon(true);
      feeder.start();
    }

    @Override
    public void onStop() {}
  }

  /** Writes lines 0..count-1 to the one receiver as fast as the socket takes them, then holds it open. */
  private static void serve(ServerSocket server, int count) {
    try (Socket client = server.accept()) {
      OutputStream out = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
      for (int i = 0; i < count; i++) {
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
