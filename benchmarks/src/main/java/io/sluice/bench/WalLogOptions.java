package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the {@code wal-log} benchmark: where the log goes, how many threads write at once
 * (each count is one batched and one unbatched run), how many records each run writes in all, and
 * their size.
 *
 * @param dir a directory URI ({@code hdfs://namenode:port/tmp/wal-bench}), or null for a temporary
 *     local directory, deleted at the end
 */
record WalLogOptions(String dir, List<Integer> threads, int records, int recordBytes) {
  static final String USAGE = "wal-log [--dir URI] [--threads 2,8] [--records N] [--record-bytes B]";

  WalLogOptions {
    threads = List.copyOf(threads);
  }

  /** @throws IllegalArgumentException naming the bad flag or value */
  static WalLogOptions parse(String[] args) {
    String dir = null;
    List<Integer> threads = List.of(2, 8);
    int records = 20_000;
    int recordBytes = 1024;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--dir" -> dir = value;
        case "--threads" -> {
          List<Integer> counts = new ArrayList<>();
          for (String t : value.split(",")) {
            counts.add(positive(flag, t.trim()));
          }
          threads = counts;
        }
        case "--records" -> records = positive(flag, value);
        case "--record-bytes" -> recordBytes = positive(flag, value);
        default -> throw new IllegalArgumentException("unknown flag " + flag + " (" + USAGE + ")");
      }
    }
    return new WalLogOptions(dir, threads, records, recordBytes);
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be a positive integer, got '" + value + "'");
  }
}
