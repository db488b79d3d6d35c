package io.sluice.internal.wal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

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
}
