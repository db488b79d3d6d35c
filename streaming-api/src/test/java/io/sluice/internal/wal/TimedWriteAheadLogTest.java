package io.sluice.internal.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TimedWriteAheadLogTest {

  /** Writes succeed until {@code failing} is set; reads nothing. */
  private static final class FakeLog implements WriteAheadLog {
    volatile boolean failing;
    int writes;

    @Override
    public WalSegment write(byte[] record, long timeMs) {
      if (failing) {
        throw new IllegalStateException("disk gone");
      }
      writes++;
      return new WalSegment("log-1", writes, record.length);
    }

    @Override
    public byte[] read(WalSegment segment) {
      return new byte[0];
    }

    @Override
    public Iterator<byte[]> readAll() {
      return Collections.emptyIterator();
    }

    @Override
    public void clean(long thresholdMs, boolean waitForCompletion) {}

    @Override
    public void close() {}
  }

  @Test
  void timesDurableWritesOnly() {
    FakeLog fake = new FakeLog();
    List<Long> timings = new CopyOnWriteArrayList<>();
    WriteAheadLog timed = TimedWriteAheadLog.wrap(fake, timings::add);
    WalSegment segment = timed.write(new byte[] {1, 2}, 5);
    assertEquals(new WalSegment("log-1", 1, 2), segment, "the wrapped log's segment is returned");
    assertEquals(1, timings.size());
    assertTrue(timings.get(0) >= 0);

    fake.failing = true;
    assertThrows(IllegalStateException.class, () -> timed.write(new byte[] {3}, 6));
    assertEquals(1, timings.size(), "a failed write is not timed");
  }

  @Test
  void withoutATimerTheLogIsNotWrapped() {
    FakeLog fake = new FakeLog();
    assertSame(fake, TimedWriteAheadLog.wrap(fake, WalWriteTimer.NONE));
  }
}
