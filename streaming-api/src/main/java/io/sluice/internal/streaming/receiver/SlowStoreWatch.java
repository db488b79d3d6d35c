package io.sluice.internal.streaming.receiver;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Tells when storing a block takes longer than it should. A write-ahead log on a file system that
 * hangs instead of failing (a DataNode that accepts data and never acknowledges it) holds the
 * receiver back without an error for as long as the HDFS client waits; the watch makes that
 * visible as a receiver error while the store goes on. One daemon thread per JVM; a watch is
 * cancelled when its store returns, and cancelled watches leave the queue at once (receivers store
 * several blocks a second, each watched for a minute by default).
 */
final class SlowStoreWatch {
  private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "sluice-receiver-store-watch");
    t.setDaemon(true);
    return t;
  });

  static {
    TIMER.setRemoveOnCancelPolicy(true);
  }

  private SlowStoreWatch() {}

  /** Runs {@code report} after {@code limitMs} unless the returned watch is cancelled first. */
  static ScheduledFuture<?> after(long limitMs, Runnable report) {
    return TIMER.schedule(report, limitMs, TimeUnit.MILLISECONDS);
  }
}
