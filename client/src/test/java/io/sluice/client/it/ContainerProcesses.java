package io.sluice.client.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the JVMs of an application's containers on this machine by their command lines (YARN puts
 * the container id into the log directory argument), so tests can kill them with SIGKILL the way a
 * crashed node or the OOM killer would.
 */
final class ContainerProcesses {
  private ContainerProcesses() {}

  /** Pids of processes whose command line contains every one of {@code parts}. */
  static List<Long> find(String... parts) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.toList()) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String cmdline = commandLine(proc);
        if (Stream.of(parts).allMatch(cmdline::contains)) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list /proc", e);
    }
    return pids;
  }

  /** Kills the single JVM matching {@code parts} with SIGKILL; fails when there is not exactly one. */
  static long killOne(String... parts) {
    return kill(true, parts);
  }

  /** Kills one of the JVMs matching {@code parts} (the oldest) with SIGKILL; fails when there is none. */
  static long killOneOf(String... parts) {
    return kill(false, parts);
  }

  /** Pids of the JVMs (not their "bash -c" launchers) whose command line contains every one of {@code parts}. */
  static List<Long> findJvms(String... parts) {
    // YARN starts the JVM through "bash -c '... java ...'": only the process that is java itself counts.
    return find(parts).stream()
        .filter(pid -> commandLine(Path.of("/proc", pid.toString())).split(" ")[0].endsWith("/java")).toList();
  }

  private static long kill(boolean mustBeUnique, String... parts) {
    List<Long> pids = findJvms(parts);
    if (pids.isEmpty() || (mustBeUnique && pids.size() > 1)) {
      throw new AssertionError("Expected one JVM matching " + List.of(parts) + ", found " + pids);
    }
    long pid = pids.stream().min(Long::compare).orElseThrow();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    return pid;
  }

  /**
   * Sends {@code signal} ({@code STOP}, {@code CONT}, ...) to process {@code pid} with {@code kill}:
   * the JDK can only terminate processes, and a paused process is how a long GC pause, a swapped-out
   * or frozen VM looks to its peers.
   */
  static void signal(long pid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new AssertionError("kill -" + signal + " " + pid + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run kill", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + pid, e);
    }
  }

  private static String commandLine(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
