package io.sluice.bench;

import io.sluice.internal.wal.WalDurability;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the {@code wal-log} benchmark: where the log goes, how many threads write at once
 * (each count is one batched and one unbatched run per durability), how many records each run writes
 * in all, their size, and the durabilities to compare (hflush, hsync).
 *
 * @param dir a directory URI ({@code hdfs://namenode:port/tmp/wal-bench}), or null for a temporary
 *     local directory, deleted at the end
 */
record WalLogOptions(String dir, List<Integer> threads, int records, int recordBytes,
                     List<WalDurability> durabilities) {
  static final String USAGE =
      "wal-log [--dir URI] [--threads 2,8] [--records N] [--record-bytes B] [--durability hflush,hsync]";

  WalLogOptions {
    threads = List.copyOf(threads);
    durabilities = List.copyOf(durabilities);
  }

  /** @throws IllegalArgumentException naming the bad flag or value */
  static WalLogOptions parse(String[] args) {
    String dir = null;
    List<Integer> threads = List.of(2, 8);
    int records = 20_000;
    int recordBytes = 1024;
    List<WalDurability> durabilities = List.of(WalDurability.HFLUSH, WalDurability.HSYNC);
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
        case "--durability" -> {
          List<WalDurability> chosen = new ArrayList<>();
          for (String d : value.split(",")) {
            try {
              chosen.add(WalDurability.parse(d));
            } catch (RuntimeException e) {
              throw new IllegalArgumentException(flag + " takes hflush, hsync or both (comma-separated), got '"
                  + value + "'", e);
            }
          }
          durabilities = chosen;
        }
        default -> throw new IllegalArgumentException("unknown flag " + flag + " (" + USAGE + ")");
      }
    }
    return new WalLogOptions(dir, threads, records, recordBytes, durabilities);
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
