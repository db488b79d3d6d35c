package io.sluice.testing;

import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.util.ManualClock;
import io.sluice.streaming.Duration;
import io.sluice.streaming.InputDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.StreamingContextState;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A StreamingContext driven by a manual clock: tests push one RDD per batch into queue streams and
 * run batches one at a time, waiting for each to finish instead of sleeping.
 */
public final class ManualStreaming implements AutoCloseable {
  private static final long BATCH_TIMEOUT_MS = 30_000;

  private final StreamingContext ssc;
  private final Duration batch;

  /**
   * On {@link #conf}{@code (master)}: on a cluster master, the tests of this JVM share its context
   * (see {@link SharedContexts}), so a test using this must not stop executors or the context.
   */
  public ManualStreaming(String master, Duration batch) {
    this(SharedContexts.open(conf(master)), batch);
  }

  /**
   * On a context of its own, which {@link #close} stops. One context is active per JVM, so the
   * shared one, if any, is stopped first.
   */
  public ManualStreaming(SluiceConf conf, Duration batch) {
    SharedContexts.stopShared();
    this.ssc = new StreamingContext(conf, batch);
    this.batch = batch;
  }

  /**
   * On the context {@link SharedContexts} shares for {@code conf} (a new one on an in-process master),
   * for operation tests that neither stop executors nor the context.
   */
  public static ManualStreaming shared(SluiceConf conf, Duration batch) {
    return new ManualStreaming(SharedContexts.open(conf), batch);
  }

  /**
   * On an existing context (whose configuration should come from {@link #conf}, so the clock is
   * manual), e.g. to run several StreamingContexts one after another on one SluiceContext.
   */
  public ManualStreaming(SluiceContext sc, Duration batch) {
    this.ssc = new StreamingContext(sc, batch);
    this.batch = batch;
  }

  /** A test configuration: the given master, a manual clock, fast receiver restarts and no web UI. */
  public static SluiceConf conf(String master) {
    return new SluiceConf(false).setMaster(master).setAppName("test")
        .set("sluice.streaming.clock", ManualClock.class.getName())
        .set("sluice.streaming.receiverRestartDelay", "50")
        .set("sluice.ui.enabled", "false");
  }

  public StreamingContext ssc() {
    return ssc;
  }

  public ManualClock clock() {
    return (ManualClock) Internals.streaming().clock(ssc);
  }

  /** A queue stream fed one batch (list) at a time, each as an RDD of {@code partitions} partitions. */
  public <T> InputDStream<T> queueOf(List<List<T>> batches, int partitions) {
    Queue<RDD<T>> queue = new ConcurrentLinkedQueue<>();
    for (List<T> b : batches) {
      queue.add(ssc.sluiceContext().parallelize(b, partitions));
    }
    return ssc.queueStream(queue);
  }

  public void start() {
    ssc.start();
  }

  /** Advances the clock batch by batch and waits until each of those batches has completed. */
  public void runBatches(int n) {
    new Driver(ssc).runBatches(n);
  }

  /** Waits until the batch at {@code time} (and every earlier one) has completed. */
  public void awaitBatch(long time) {
    new Driver(ssc).awaitBatch(time);
  }

  /** Runs the batches of any started context whose clock is a ManualClock (e.g. one recovered from a checkpoint). */
  public static final class Driver {
    private final StreamingContext ssc;

    public Driver(StreamingContext ssc) {
      this.ssc = ssc;
    }

    private ManualClock clock() {
      return (ManualClock) Internals.streaming().clock(ssc);
    }

    public void runBatches(int n) {
      long batch = Internals.streaming().graph(ssc).batchDuration().milliseconds();
      for (int i = 0; i < n; i++) {
        clock().advance(batch);
        awaitBatch(clock().currentTimeMillis());
      }
    }

    /**
     * Stops gracefully: the stop waits for one more batch tick, so the clock is advanced on this
     * thread while the stop runs on another, until it returns.
     */
    public void stopGracefully(boolean stopSluiceContext) {
      Thread stopper = new Thread(() -> ssc.stop(stopSluiceContext, true), "test-graceful-stop");
      stopper.start();
      long deadline = System.currentTimeMillis() + BATCH_TIMEOUT_MS;
      long batch = Internals.streaming().graph(ssc).batchDuration().milliseconds();
      try {
        while (stopper.isAlive()) {
          if (System.currentTimeMillis() > deadline) {
            throw new AssertionError("Graceful stop did not finish");
          }
          clock().advance(batch);
          stopper.join(20);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /** Waits until the batch at {@code time} (and every earlier one) completed and was cleaned up after. */
    public void awaitBatch(long time) {
      long deadline = System.currentTimeMillis() + BATCH_TIMEOUT_MS;
      var scheduler = Internals.streaming().runtime(ssc).orElseThrow().jobScheduler();
      var generator = Internals.streaming().runtime(ssc).orElseThrow().jobGenerator();
      while (scheduler.lastCompletedBatch() < time || generator.lastClearedBatch() < time) {
        if (System.currentTimeMillis() > deadline || ssc.getState() == StreamingContextState.STOPPED) {
          throw new AssertionError("Batch " + time + " ms did not complete by " + Instant.now()
              + " (last completed: " + scheduler.lastCompletedBatch() + ", state " + ssc.getState() + ")");
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** Stops the streaming context, and its SluiceContext unless that is the shared one. */
  @Override
  public void close() {
    ssc.stop(!SharedContexts.isShared(ssc.sluiceContext()), false);
  }
}
