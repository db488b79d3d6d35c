package io.sluice.internal.wal;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FSDataOutputStream;

/**
 * What "durable" means when a write-ahead log write returns
 * ({@code sluice.streaming.receiver.writeAheadLog.durability}).
 */
public enum WalDurability {
  /**
   * {@code hflush()}: on HDFS the bytes reached every replica's DataNode (in its memory) and are
   * visible to readers. Survives the death of the writing process and of any machine short of all
   * replicas at once; the default, as in Spark Streaming.
   */
  HFLUSH,
  /**
   * {@code hsync()}: as hflush, and every replica's DataNode has forced the bytes to its disk. Also
   * survives a power loss of every replica's machine (a whole rack), at the price of a disk sync
   * per flush (see {@code bin/sluice-bench wal-log --durability}).
   */
  HSYNC;

  /** Parses {@code hflush} or {@code hsync} (any case). */
  public static WalDurability parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SluiceException("Write-ahead log durability must be hflush or hsync, got '" + value + "'", e);
    }
  }

  void flush(FSDataOutputStream out) throws IOException {
    if (this == HSYNC) {
      out.hsync();
    } else {
      out.hflush();
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
