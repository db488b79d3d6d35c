package io.sluice.streaming.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.testing.ManualStreaming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reliable receiver with the write-ahead log on: every block it stored before the driver went
 * away is processed after recovery, read back from the log because the new driver's block store
 * is empty, and the running totals are exact.
 */
class WriteAheadLogRecoveryTest {
  private static final Map<String, CountDownLatch> STORED = new ConcurrentHashMap<>();
  private static final Map<String, Map<String, Integer>> TOTALS = new ConcurrentHashMap<>();

  @TempDir Path tmp;

  /** Stores {@code chunks} lists of words with store(List), which returns once each block is logged. */
  static final class ChunkReceiver extends Receiver<String> {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final List<List<String>> chunks;

    ChunkReceiver(String key, List<List<String>> chunks) {
      super(StorageLevel.MEMORY_AND_DISK_SER_2);
      this.key = key;
      this.chunks = chunks;
    }

    @Override
    public void onStart() {
      Thread t = new Thread(() -> {
        for (List<String> chunk : chunks) {
          store(chunk);
          STORED.get(key).countDown();
        }
      });
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void onStop() {}
  }

  private StreamingContext create(String key, List<List<String>> chunks) {
    SluiceConf conf = ManualStreaming.conf("local[2]").set("sluice.streaming.receiver.writeAheadLog.enable", "true");
    StreamingContext ssc = new StreamingContext(conf, Durations.seconds(1));
    ssc.receiverStream(new ChunkReceiver(key, chunks))
        .mapToPair(w -> new Tuple2<>(w, 1))
        .updateStateByKey((List<Integer> ones, Optional<Integer> total) -> Optional.of(total.orElse(0) + ones.size()))
        .foreachRDD(rdd -> TOTALS.put(key, Map.copyOf(io.sluice.core.PairRDD.fromRDD(rdd).collectAsMap())));
    return ssc;
  }

  @Test
  void blocksStoredBeforeTheDriverStoppedAreReadBackFromTheLog() throws Exception {
    String key = "wal-" + System.nanoTime();
    List<List<String>> chunks = List.of(List.of("a", "b"), List.of("a", "c", "c"), List.of("b"));
    STORED.put(key, new CountDownLatch(chunks.size()));
    String checkpoint = tmp.resolve("checkpoint").toUri().toString();

    StreamingContext first = StreamingContext.getOrCreate(checkpoint, () -> create(key, chunks));
    first.start();
    assertTrue(STORED.get(key).await(30, TimeUnit.SECONDS), "the receiver did not store its chunks");
    // The driver goes away before any batch took the blocks: only the logs know about them.
    first.stop(true, false);
    try (Stream<Path> logs = Files.walk(tmp.resolve("checkpoint").resolve("receivedData"))) {
      assertTrue(logs.anyMatch(p -> p.getFileName().toString().startsWith("log-")), "no received-data log");
    }

    STORED.put(key, new CountDownLatch(0));
    StreamingContext second = StreamingContext.getOrCreate(checkpoint, () -> {
      throw new AssertionError("must recover");
    });
    second.start();
    new ManualStreaming.Driver(second).runBatches(2);
    second.stop(true, false);
    // The recovered receiver stores its chunks again (it is a new receiver run), so the totals count
    // each chunk twice: once read back from the log, once received anew. Nothing is lost.
    assertEquals(Map.of("a", 4, "b", 4, "c", 4), TOTALS.get(key));
  }

  @Test
  void theLogNeedsACheckpointDirectory() {
    SluiceConf conf = ManualStreaming.conf("local[2]").set("sluice.streaming.receiver.writeAheadLog.enable", "true");
    StreamingContext ssc = new StreamingContext(conf, Durations.seconds(1));
    ssc.receiverStream(new ChunkReceiver("none", List.of())).print();
    SluiceException e = assertThrows(SluiceException.class, ssc::start);
    assertTrue(e.getMessage().contains("writeAheadLog.enable") && e.getMessage().contains("checkpoint"),
        e.getMessage());
    ssc.stop();
  }
}
