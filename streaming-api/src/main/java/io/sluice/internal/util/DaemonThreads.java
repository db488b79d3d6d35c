package io.sluice.internal.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads that never keep the JVM alive on their own: the owner stops them, or they die with it. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory whose threads all carry {@code name} (one-thread executors, or a pool whose members need no tell-apart). */
  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Stack of a task thread. A task deserializes its RDD's lineage recursively, and a stateful
   * stream's lineage grows by one level a batch until its next checkpoint: at least 10 s of batches
   * (the guide's default), 500 levels with 20 ms batches, which overflows the JVM's default stack
   * (about 1 MiB); 32 MiB holds thousands of levels. Only the pages a thread touches are committed,
   * and the reserve stays modest for clusters that check containers' virtual memory.
   */
  public static final long TASK_STACK_BYTES = 32L << 20;

  /** Threads that (de)serialize tasks: {@code prefix-1}, {@code prefix-2} ..., each with a {@link #TASK_STACK_BYTES} stack. */
  public static ThreadFactory tasks(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(null, runnable, prefix + "-" + counter.incrementAndGet(), TASK_STACK_BYTES);
      thread.setDaemon(true);
      return thread;
    };
  }
}
