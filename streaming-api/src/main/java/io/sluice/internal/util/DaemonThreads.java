package io.sluice.internal.util;

import java.util.concurrent.ThreadFactory;

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
}
