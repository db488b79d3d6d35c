package io.sluice.internal.wal;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one log file, {@code log-<startMs>-<endMs>} or {@code log-<startMs>-<endMs>.<n>}:
 * every record in the file has a time below {@code endMs}, so the file may be deleted once nothing
 * older than that is needed. {@code n} only keeps names unique when a later writer (a restarted
 * process, say) opens a file for a time range that already has one; a file is never appended to.
 */
record WalFileName(long startMs, long endMs, int sequence) implements Comparable<WalFileName> {
  private static final Pattern NAME = Pattern.compile("log-(-?\\d+)-(-?\\d+)(?:\\.(\\d+))?");

  // Oldest first; within a range, in the order the writers created them.
  private static final Comparator<WalFileName> ORDER = Comparator.comparingLong(WalFileName::startMs)
      .thenComparingLong(WalFileName::endMs)
      .thenComparingInt(WalFileName::sequence);

  static Optional<WalFileName> parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int sequence = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      return Optional.of(new WalFileName(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), sequence));
    } catch (NumberFormatException e) {
      return Optional.empty(); // digits beyond the range of a long: not one of ours
    }
  }

  /** The same range with the next sequence number. */
  WalFileName next() {
    return new WalFileName(startMs, endMs, sequence + 1);
  }

  String fileName() {
    String base = "log-" + startMs + "-" + endMs;
    return sequence == 0 ? base : base + "." + sequence;
  }

  @Override
  public int compareTo(WalFileName other) {
    return ORDER.compare(this, other);
  }
}
