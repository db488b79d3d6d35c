package io.sluice.internal.wal;

import java.util.Iterator;

/**
 * Times {@link #write} on the caller's thread: for a {@link BatchedWriteAheadLog} that includes
 * waiting for the group commit, which is the latency the writer (a receiver adding a block) sees.
 * Failed writes are not timed, so the figures describe durable records only.
 */
public final class TimedWriteAheadLog implements WriteAheadLog {
  private final WriteAheadLog wrapped;
  private final WalWriteTimer timer;

  private TimedWriteAheadLog(WriteAheadLog wrapped, WalWriteTimer timer) {
    this.wrapped = wrapped;
    this.timer = timer;
  }

  /** {@code log} itself when nobody listens, so an untimed log costs nothing. */
  public static WriteAheadLog wrap(WriteAheadLog log, WalWriteTimer timer) {
    return timer == WalWriteTimer.NONE ? log : new TimedWriteAheadLog(log, timer);
  }

  @Override
  public WalSegment write(byte[] record, long timeMs) {
    long start = System.nanoTime();
    WalSegment segment = wrapped.write(record, timeMs);
    timer.written(System.nanoTime() - start);
    return segment;
  }

  @Override
  public byte[] read(WalSegment segment) {
    return wrapped.read(segment);
  }

  @Override
  public Iterator<byte[]> readAll() {
    return wrapped.readAll();
  }

  @Override
  public void clean(long thresholdMs, boolean waitForCompletion) {
    wrapped.clean(thresholdMs, waitForCompletion);
  }

  @Override
  public void close() {
    wrapped.close();
  }
}
