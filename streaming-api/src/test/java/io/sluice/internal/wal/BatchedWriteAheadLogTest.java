package io.sluice.internal.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchedWriteAheadLogTest {
  @TempDir Path dir;

  private FileBasedWriteAheadLog fileLog() {
    return new FileBasedWriteAheadLog(dir.toUri().toString(), new Configuration(), 60_000);
  }

  @Test
  void concurrentWritersShareFlushesAndEachGetsItsOwnRecord() throws Exception {
    int threads = 8;
    int perThread = 2000;
    FileBasedWriteAheadLog files = fileLog();
    try (BatchedWriteAheadLog wal = new BatchedWriteAheadLog(files)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<WalSegment>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          List<WalSegment> segments = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            segments.add(wal.write(record(thread, i), 1000 + i));
          }
          return segments;
        }));
      }
      for (int t = 0; t < threads; t++) {
        List<WalSegment> segments = results.get(t).get();
        for (int i = 0; i < perThread; i++) {
          assertEquals(new String(record(t, i), UTF_8), new String(wal.read(segments.get(i)), UTF_8));
        }
      }
      pool.shutdown();
      long writes = (long) threads * perThread;
      System.out.printf("Batched WAL: %d writes from %d threads took %d flushes (%.1f records per flush)%n",
          writes, threads, files.flushCount(), (double) writes / files.flushCount());
      assertTrue(files.flushCount() < writes / 2, "flushes: " + files.flushCount());

      // Recovery sees every record once, each thread's in the order it wrote them.
      Map<Integer, Integer> nextPerThread = new HashMap<>();
      List<String> all = WalTesting.readAll(wal);
      assertEquals(writes, all.size());
      for (String r : all) {
        String[] parts = r.split("[-/]");
        int thread = Integer.parseInt(parts[1]);
        int expected = nextPerThread.getOrDefault(thread, 0);
        assertEquals(expected, Integer.parseInt(parts[2]), "out of order for thread " + thread);
        nextPerThread.put(thread, expected + 1);
      }
    }
  }

  @Test
  void readAllReturnsRecordsInWriteOrderAcrossFiles() {
    try (BatchedWriteAheadLog wal = new BatchedWriteAheadLog(
        new FileBasedWriteAheadLog(dir.toUri().toString(), new Configuration(), 100))) {
      List<String> written = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        written.add("r" + i);
        wal.write(("r" + i).getBytes(UTF_8), i * 20L); // a new file every 5 records
      }
      assertEquals(written, WalTesting.readAll(wal));
      wal.clean(200, true);
      assertEquals(written.subList(10, 30), WalTesting.readAll(wal));
    }
  }

  @Test
  void closeWritesWhatWasQueuedAndLaterWritesFail() throws Exception {
    FileBasedWriteAheadLog files = fileLog();
    BatchedWriteAheadLog wal = new BatchedWriteAheadLog(files);
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(4);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(pool.submit(() -> {
        started.countDown();
        for (int i = 0; i < 5000; i++) {
          try {
            wal.write(new byte[100], i);
            succeeded.incrementAndGet();
          } catch (SluiceException e) {
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            refused.incrementAndGet();
          }
        }
        return null;
      }));
    }
    started.await();
    Thread.sleep(20);
    wal.close();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertTrue(refused.get() > 0, "close happened after every write");
    try (FileBasedWriteAheadLog reopened = fileLog()) {
      assertEquals(succeeded.get(), WalTesting.readAll(reopened).size(), "every acknowledged write is in the log");
    }
  }

  @Test
  void aFailedBatchFailsItsWritersAndTheLogCarriesOn() {
    FailingOnceLog failing = new FailingOnceLog(fileLog());
    try (BatchedWriteAheadLog wal = new BatchedWriteAheadLog(failing)) {
      SluiceException e = assertThrows(SluiceException.class, () -> wal.write(new byte[] {1}, 0));
      assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
      WalSegment ok = wal.write(new byte[] {2}, 0);
      assertEquals(2, wal.read(ok)[0]);
    }
  }

  private static byte[] record(int thread, int i) {
    // Sizes vary so that offsets are not all multiples of one frame size.
    return ("t-" + thread + "-" + i + "/" + "x".repeat((thread * 7 + i) % 50)).getBytes(UTF_8);
  }

  /** Throws from its first batch, then writes through to a real log. */
  private static final class FailingOnceLog implements BatchAppendableLog {
    private final FileBasedWriteAheadLog delegate;
    private boolean failed;

    FailingOnceLog(FileBasedWriteAheadLog delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized List<WalSegment> writeBatch(List<byte[]> records, long timeMs) {
      if (!failed) {
        failed = true;
        throw new SluiceException("Cannot write to write-ahead log file test: disk on fire");
      }
      return delegate.writeBatch(records, timeMs);
    }

    @Override
    public WalSegment write(byte[] record, long timeMs) {
      return writeBatch(List.of(record), timeMs).get(0);
    }

    @Override
    public byte[] read(WalSegment segment) {
      return delegate.read(segment);
    }

    @Override
    public java.util.Iterator<byte[]> readAll() {
      return delegate.readAll();
    }

    @Override
    public void clean(long thresholdMs, boolean waitForCompletion) {
      delegate.clean(thresholdMs, waitForCompletion);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
