package io.sluice.internal.streaming.receiver;

import com.google.common.util.concurrent.Uninterruptibles;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.LineBlock;
import io.sluice.internal.util.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records stored one at a time into blocks: every block interval the buffer is swapped out
 * and queued, and a pushing thread hands each block, in order, to the listener (which stores it).
 * Text lines may come as UTF-8 bytes instead ({@link #addLines}); they make a {@link LineBlock}.
 *
 * <p>Backpressure instead of loss: the interval timer enqueues while holding the buffer's lock, so
 * when the queue is full the timer waits and {@link #add} waits with it until a block is pushed.
 * With a maximum rate, {@link #add} also waits for a permit. Thread-safe.
 */
public final class BlockGenerator {
  private static final Logger log = LoggerFactory.getLogger(BlockGenerator.class);
  // Keeps one huge burst from making every later buffer preallocate a huge array.
  private static final int MAX_CAPACITY_HINT = 1 << 16;

  /** Receives finished blocks on the generator's pushing thread, one at a time, in order. */
  public interface Listener {
    void onBlockReady(BlockId.StreamBlock id, List<?> records);

    /** {@link #onBlockReady} threw; the block is lost. The generator has logged it already. */
    default void onPushError(BlockId.StreamBlock id, int numRecords, Throwable error) {}
  }

  private record Block(BlockId.StreamBlock id, List<?> records) {}

  private static final Block END = new Block(null, List.of());

  private enum State { INITIALIZED, ACTIVE, STOPPING, STOPPED }

  private final int streamId;
  private final long intervalMs;
  private final Clock clock;
  private final Listener listener;
  private final BlockingQueue<Block> queue;
  private final Object lock = new Object();
  private final Thread timer;
  private final Thread pusher;
  private volatile SteadyRateLimiter limiter;
  private volatile boolean timerRunning = true;
  private List<Object> buffer = new ArrayList<>(); // guarded by lock
  private final LineBlock.Builder lineBuffer = new LineBlock.Builder(); // guarded by lock
  private State state = State.INITIALIZED; // guarded by lock

  /** @param clock drives the block interval: the system clock in production, a manual one in tests */
  public BlockGenerator(int streamId, long blockIntervalMs, long maxRatePerSecond, int queueSize, Clock clock,
                        Listener listener) {
    if (blockIntervalMs <= 0) {
      throw new SluiceException("Block interval of stream " + streamId + " must be positive, got "
          + blockIntervalMs + " ms (" + SluiceOptions.BLOCK_INTERVAL_MS.key() + ")");
    }
    this.streamId = streamId;
    this.intervalMs = blockIntervalMs;
    this.clock = clock;
    this.listener = listener;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, queueSize));
    this.timer = daemon(this::runTimer, "sluice-receiver-" + streamId + "-block-timer");
    this.pusher = daemon(this::runPusher, "sluice-receiver-" + streamId + "-block-pusher");
    updateRate(maxRatePerSecond);
  }

  /** A generator configured by blockInterval, receiver.maxRate and blockQueueSize. */
  public static BlockGenerator fromConf(int streamId, SluiceConf conf, Clock clock, Listener listener) {
    return new BlockGenerator(streamId, SluiceOptions.BLOCK_INTERVAL_MS.get(conf),
        SluiceOptions.RECEIVER_MAX_RATE.get(conf), SluiceOptions.BLOCK_QUEUE_SIZE.get(conf), clock, listener);
  }

  public void start() {
    synchronized (lock) {
      if (state != State.INITIALIZED) {
        throw new SluiceException("Block generator of stream " + streamId + " cannot start: it is " + state);
      }
      state = State.ACTIVE;
    }
    timer.start();
    pusher.start();
  }

  /** Buffers one record; waits while the rate limit or a full block queue says so. */
  public void add(Object record) {
    SteadyRateLimiter rate = limiter;
    if (rate != null) {
      rate.acquire();
    }
    synchronized (lock) {
      checkActive();
      buffer.add(record);
    }
  }

  /**
   * Buffers the lines in {@code bytes[from, to)}, UTF-8, each ending with '\n' (the caller may reuse
   * the array afterwards); waits while the rate limit or a full block queue says so. A line counts
   * as one record.
   */
  public void addLines(byte[] bytes, int from, int to) {
    SteadyRateLimiter rate = limiter;
    if (rate == null) {
      appendLines(bytes, from, to);
      return;
    }
    // A read can hold thousands of lines: let them in a few milliseconds' worth of the rate at a
    // time, so a block holds what the rate allows in its interval, as with records one by one.
    int piece = rate.permitsPer(SteadyRateLimiter.MAX_CATCH_UP_NANOS);
    int start = from;
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n' && ++lines == piece) {
        rate.acquire(lines);
        appendLines(bytes, start, i + 1);
        start = i + 1;
        lines = 0;
      }
    }
    if (lines > 0) {
      rate.acquire(lines);
      appendLines(bytes, start, to);
    }
  }

  private void appendLines(byte[] bytes, int from, int to) {
    synchronized (lock) {
      checkActive();
      lineBuffer.append(bytes, from, to);
    }
  }

  private void checkActive() {
    if (state != State.ACTIVE) {
      throw new SluiceException("Cannot store a record for stream " + streamId + ": its receiver is "
          + (state == State.INITIALIZED ? "not started" : "stopped"));
    }
  }

  /**
   * Changes the records-per-second limit; 0 or less removes it (a seam for backpressure). The
   * limit holds over any stretch of time: waiting earns no burst (see {@link SteadyRateLimiter}).
   */
  public void updateRate(long maxRatePerSecond) {
    SteadyRateLimiter current = limiter;
    if (maxRatePerSecond <= 0) {
      limiter = null;
    } else if (current == null) {
      limiter = new SteadyRateLimiter(maxRatePerSecond);
    } else {
      current.setRate(maxRatePerSecond);
    }
  }

  /**
   * Stops accepting records, emits what is buffered as a last block, waits until every queued
   * block went through the listener, and ends the threads. Idempotent.
   */
  public void stop() {
    synchronized (lock) {
      if (state == State.INITIALIZED) {
        state = State.STOPPED;
        return;
      }
      if (state != State.ACTIVE) {
        return;
      }
      state = State.STOPPING;
    }
    timerRunning = false;
    timer.interrupt(); // cuts the wait for the next tick short; the timer thread does no I/O
    Uninterruptibles.joinUninterruptibly(timer);
    // The timer is gone, so this is the only thread that rolls the buffer now.
    rollBuffer();
    Uninterruptibles.putUninterruptibly(queue, END);
    Uninterruptibles.joinUninterruptibly(pusher);
    synchronized (lock) {
      state = State.STOPPED;
    }
    log.debug("Block generator of stream {} stopped", streamId);
  }

  public boolean isActive() {
    synchronized (lock) {
      return state == State.ACTIVE;
    }
  }

  private void runTimer() {
    long next = clock.currentTimeMillis() + intervalMs;
    while (timerRunning) {
      try {
        clock.waitTillTime(next);
      } catch (InterruptedException e) {
        continue; // stop() interrupts; timerRunning says whether that was it
      }
      if (!timerRunning) {
        break; // stop() rolls the last buffer itself
      }
      rollBuffer();
      next += intervalMs;
      long now = clock.currentTimeMillis();
      if (next < now) {
        // Fell behind (a full queue held us up): skip the missed ticks rather than emit a burst.
        next = now + intervalMs;
      }
    }
  }

  private void rollBuffer() {
    synchronized (lock) {
      List<?> records = takeBuffered();
      if (records.isEmpty()) {
        return;
      }
      // Still holding the lock: a full queue blocks producers in add() until the pusher catches up.
      Uninterruptibles.putUninterruptibly(queue, new Block(StreamBlockIds.next(streamId), records));
    }
  }

  /** Empties the buffers; a receiver stores either records or lines, so one of them is empty. */
  private List<?> takeBuffered() {
    if (lineBuffer.isEmpty()) {
      List<Object> records = buffer;
      if (!records.isEmpty()) {
        buffer = new ArrayList<>(Math.min(records.size(), MAX_CAPACITY_HINT));
      }
      return records;
    }
    LineBlock lines = lineBuffer.build();
    if (buffer.isEmpty()) {
      return lines;
    }
    List<Object> both = new ArrayList<>(buffer);
    both.addAll(lines);
    buffer = new ArrayList<>();
    return both;
  }

  private void runPusher() {
    while (true) {
      Block block = Uninterruptibles.takeUninterruptibly(queue);
      if (block == END) {
        return;
      }
      try {
        listener.onBlockReady(block.id(), block.records());
      } catch (Throwable t) {
        log.error("Could not store block {} of stream {} ({} records)", block.id().name(), streamId,
            block.records().size(), t);
        try {
          listener.onPushError(block.id(), block.records().size(), t);
        } catch (RuntimeException e) {
          log.warn("Reporting the failure to store block {} failed", block.id().name(), e);
        }
      }
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
