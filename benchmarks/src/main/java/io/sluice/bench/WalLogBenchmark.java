package io.sluice.bench;

import io.sluice.internal.wal.BatchedWriteAheadLog;
import io.sluice.internal.wal.FileBasedWriteAheadLog;
import io.sluice.internal.wal.WalDurability;
import io.sluice.internal.wal.WriteAheadLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code bin/sluice-bench wal-log}: the receivers' write-ahead log on its own, without a stream:
 * threads writing records of one size as receivers do (each waits until its record is durable), to
 * a log that batches concurrent writers into one flush and to one that flushes every record, with
 * each durability asked for (hflush, hsync). Every record is read back afterwards, which is the
 * exactness check.
 */
final class WalLogBenchmark {
  private static final long ROLLING_MS = 60_000;
  private static final int WARM_UP_RECORDS = 2_000;

  private WalLogBenchmark() {}

  /** One run's figures. */
  record Run(String log, WalDurability durability, int threads, int records, double seconds, long flushes,
             boolean readBack) {
    double recordsPerSecond() {
      return records / seconds;
    }
  }

  static WalLogResult run(WalLogOptions options) throws Exception {
    TempCheckpointDir temp = options.dir() == null ? new TempCheckpointDir("sluice-wal-bench") : null;
    String base = options.dir() != null ? options.dir().replaceAll("/+$", "")
        : temp.path().toUri().toString().replaceAll("/+$", "");
    Configuration conf = new Configuration();
    try {
      runOne(base + "/warm-up", conf, WalDurability.HFLUSH, true, 2, WARM_UP_RECORDS, options.recordBytes());
      List<Run> runs = new ArrayList<>();
      for (WalDurability durability : options.durabilities()) {
        for (int threads : options.threads()) {
          for (boolean batched : new boolean[] {true, false}) {
            String dir = base + "/" + (batched ? "batched-" : "unbatched-") + durability + "-" + threads;
            runs.add(runOne(dir, conf, durability, batched, threads, options.records(), options.recordBytes()));
          }
        }
      }
      return new WalLogResult(base, options.recordBytes(), runs);
    } finally {
      if (temp != null) {
        temp.close();
      } else {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(base);
        dir.getFileSystem(conf).delete(dir, true);
      }
    }
  }

  private static Run runOne(String dir, Configuration conf, WalDurability durability, boolean batched, int threads,
                            int records, int recordBytes) throws Exception {
    FileBasedWriteAheadLog files = new FileBasedWriteAheadLog(dir, conf, ROLLING_MS, durability);
    WriteAheadLog log = batched ? new BatchedWriteAheadLog(files) : files;
    double seconds;
    try {
      seconds = write(log, threads, records / threads, recordBytes);
    } finally {
      log.close();
    }
    int written = (records / threads) * threads;
    FileBasedWriteAheadLog reader = new FileBasedWriteAheadLog(dir, conf, ROLLING_MS);
    int read = 0;
    try {
      for (Iterator<byte[]> all = reader.readAll(); all.hasNext(); all.next()) {
        read++;
      }
    } finally {
      reader.close();
    }
    return new Run(batched ? "batched" : "unbatched", durability, threads, written, seconds, files.flushCount(),
        read == written);
  }

  /** Seconds until every thread's last write returned. */
  private static double write(WriteAheadLog log, int threads, int perThread, int recordBytes) throws Exception {
    byte[] record = new byte[recordBytes];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            log.write(record, i);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }
}
