package io.sluice.internal.rpc;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Thread creation and orderly shutdown for servers and clients. */
final class RpcThreads {
  /**
   * How long a closing endpoint lets handler calls in flight finish before interrupting them: long
   * enough for disconnect callbacks and quick replies, short enough that a stuck handler cannot hold
   * up a shutdown.
   */
  static final Duration HANDLER_GRACE = Duration.ofSeconds(1);
  /** Event loops only have closes and writes left to finish; this bound is rarely approached. */
  static final Duration IO_SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private RpcThreads() {}

  /**
   * Daemon threads (a forgotten endpoint must not keep a JVM alive) whose context class loader is
   * the creator's: Kryo resolves message classes with it, and Netty would otherwise inherit the
   * loader of whichever thread happened to start each event loop.
   */
  static ThreadFactory factory(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new DefaultThreadFactory(name, true) {
      @Override
      protected Thread newThread(Runnable r, String threadName) {
        Thread thread = super.newThread(r, threadName);
        thread.setContextClassLoader(loader);
        return thread;
      }
    };
  }

  /**
   * At most {@code threads} threads, started on demand. The queue is unbounded: connections are
   * authenticated peers of one application, and dropping a message would be worse than queueing it.
   */
  static ExecutorService pool(String name, int threads) {
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        factory(name));
  }

  /** Lets queued work (e.g. disconnect callbacks) finish for up to {@link #HANDLER_GRACE}, then interrupts the rest. */
  static void shutdown(ExecutorService pool) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(HANDLER_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until every event loop has run what was queued before this call, e.g. the close events of
   * channels just closed, which queue disconnect callbacks on the handler pool.
   */
  static void drain(EventLoopGroup group) {
    for (EventExecutor loop : group) {
      if (!loop.isShuttingDown()) {
        loop.submit(() -> { }).awaitUninterruptibly(IO_SHUTDOWN_WAIT.toMillis());
      }
    }
  }

  static void shutdown(EventLoopGroup group) {
    // No quiet period: the channels are closed already, and tasks still queued are run regardless.
    long waitMs = IO_SHUTDOWN_WAIT.toMillis();
    group.shutdownGracefully(0, waitMs, TimeUnit.MILLISECONDS).awaitUninterruptibly(2 * waitMs);
  }
}
