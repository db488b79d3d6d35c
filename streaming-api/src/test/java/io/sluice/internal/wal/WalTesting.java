package io.sluice.internal.wal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Helpers shared by the write-ahead log tests. */
final class WalTesting {
  private WalTesting() {}

  /** Every record of the log, decoded as UTF-8. */
  static List<String> readAll(WriteAheadLog wal) {
    List<String> records = new ArrayList<>();
    for (Iterator<byte[]> it = wal.readAll(); it.hasNext(); ) {
      records.add(new String(it.next(), UTF_8));
    }
    return records;
  }

  /** Waits up to 10 s for something another thread does. */
  static void await(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }

  /**
   * Writes {@code recordsPerThread} records of {@code recordBytes} from each of {@code threads}
   * threads and prints the rate (for the record, never asserted: machines differ).
   */
  static void printThroughput(String label, WriteAheadLog wal, int threads, int recordsPerThread, int recordBytes)
      throws Exception {
    byte[] record = new byte[recordBytes];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < recordsPerThread; i++) {
            wal.write(record, i);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long records = (long) threads * recordsPerThread;
      System.out.printf("WAL throughput, %s: %d records of %d B from %d threads in %.2f s"
          + " = %.0f records/s, %.1f MB/s%n",
          label, records, recordBytes, threads, seconds, records / seconds, records * recordBytes / seconds / 1e6);
    } finally {
      pool.shutdownNow();
    }
  }
}
