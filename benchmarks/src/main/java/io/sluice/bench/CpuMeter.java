package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * CPU time the engine has used so far: this JVM's and its child processes' (the executors of
 * {@code local-cluster}), less the benchmark's own line server threads, which write the same lines
 * whatever the master. Child processes are read from the operating system while they run.
 */
final class CpuMeter {
  private static final String SERVER_THREADS = "bench-line-server";

  private CpuMeter() {}

  /** Nanoseconds of CPU, to subtract from a later reading. */
  static long engineNanos() {
    long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    long children = ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long server = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(SERVER_THREADS)) {
        server += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return own + children - server;
  }
}
