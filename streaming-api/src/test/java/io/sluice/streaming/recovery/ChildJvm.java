package io.sluice.streaming.recovery;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.internal.util.JvmOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Java main class run in a separate JVM on the current test classpath, as a driver program runs
 * on its own machine: its stdout and stderr go to files under a directory (so a failing test can
 * print them), the test waits for lines it prints, and it can be killed the way a machine dies
 * ({@code kill -9}: no shutdown hooks, no graceful anything).
 *
 * <p>stdout is pumped by a thread that also keeps every line with the time it arrived, so a test
 * can measure how long the program took to print something; stderr goes straight to its file.
 */
public final class ChildJvm implements AutoCloseable {
  /** The exit code of a process killed by SIGKILL, as shells and {@code Process.exitValue()} report it on Linux. */
  public static final int SIGKILL_EXIT = 128 + 9;

  private static final int STDERR_TAIL_LINES = 150;

  /** One line of the child's stdout and when it arrived ({@link System#nanoTime()}). */
  public record Line(String text, long nanoTime) {}

  private final String name;
  private final Process process;
  private final Path stdoutFile;
  private final Path stderrFile;
  private final long launchedNanos;
  private final List<Line> lines = new ArrayList<>(); // guarded by this
  private boolean stdoutClosed; // guarded by this
  private final Thread pump;

  private ChildJvm(String name, Process process, Path stdoutFile, Path stderrFile, long launchedNanos) {
    this.name = name;
    this.process = process;
    this.stdoutFile = stdoutFile;
    this.stderrFile = stderrFile;
    this.launchedNanos = launchedNanos;
    this.pump = new Thread(this::pumpStdout, "child-" + name + "-stdout");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code mainClass} with {@code args} in a new JVM: {@code -Xmx512m}, the add-opens Sluice
   * needs, {@code -Dk=v} for each of {@code systemProperties}, and this JVM's classpath.
   * Output goes to {@code <logDir>/<name>.stdout} and {@code .stderr}.
   */
  public static ChildJvm start(String name, Path logDir, Class<?> mainClass, List<String> args,
                        Map<String, String> systemProperties) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmOptions.ADD_OPENS);
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1"); // a short-lived test JVM: faster start, fast enough after
    // The child halts when this JVM is gone (see RecoverableWordCountDriver), so no driver outlives a crashed test.
    command.add("-D" + RecoverableWordCountDriver.PARENT_PID + "=" + ProcessHandle.current().pid());
    command.add("-Dsluice.ui.port=0"); // drivers run with their UI, on any free port
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Files.createDirectories(logDir);
    Path out = logDir.resolve(name + ".stdout");
    Path err = logDir.resolve(name + ".stderr");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.to(err.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
    long launched = System.nanoTime();
    Process process = builder.start();
    return new ChildJvm(name, process, out, err, launched);
  }

  private void pumpStdout() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
         Writer file = Files.newBufferedWriter(stdoutFile, UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        long now = System.nanoTime();
        file.write(line);
        file.write('\n');
        file.flush();
        synchronized (this) {
          lines.add(new Line(line, now));
          notifyAll();
        }
      }
    } catch (IOException e) {
      // The process died; whatever was read is kept.
    } finally {
      synchronized (this) {
        stdoutClosed = true;
        notifyAll();
      }
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** When the JVM was launched ({@link System#nanoTime()}). */
  long launchedNanos() {
    return launchedNanos;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Every stdout line so far. */
  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /**
   * The first stdout line (from the start) that matches, waiting up to {@code timeout}. Fails with
   * the child's output if it does not come, or if the child exits (closes stdout) first.
   */
  public Line awaitLine(Predicate<String> matches, String what, Duration timeout) throws InterruptedException {
    return awaitLineAfter(0, matches, what, timeout);
  }

  /** Like {@link #awaitLine} for lines that arrived at or after {@code fromNanos}. */
  Line awaitLineAfter(long fromNanos, Predicate<String> matches, String what, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        for (Line line : lines) {
          if (line.nanoTime() >= fromNanos && matches.test(line.text())) {
            return line;
          }
        }
        if (stdoutClosed) {
          throw new AssertionError(name + " ended (exit " + exitCodeIfExited() + ") before printing " + what
              + "\n" + describe());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(name + " did not print " + what + " within " + timeout + "\n" + describe());
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  /** The first line starting with {@code prefix}. */
  Line awaitLineStartingWith(String prefix, Duration timeout) throws InterruptedException {
    return awaitLine(l -> l.startsWith(prefix), "a line starting with \"" + prefix + "\"", timeout);
  }

  /**
   * Kills the JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux), as a crashed machine
   * would stop it, and waits for it to be gone. Returns the exit code (137 for SIGKILL).
   */
  public int killHard() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " (pid " + process.pid() + ") still alive 30 s after SIGKILL");
    }
    pump.join(5_000);
    return process.exitValue();
  }

  /** Waits for the JVM to exit by itself; fails with its output if it does not within {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " did not exit within " + timeout + "\n" + describe());
    }
    pump.join(5_000);
    return process.exitValue();
  }

  private String exitCodeIfExited() {
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
  }

  public String stderr() {
    try {
      return Files.exists(stderrFile) ? Files.readString(stderrFile, UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + stderrFile + ": " + e + ")";
    }
  }

  public String stdout() {
    StringBuilder out = new StringBuilder();
    for (Line line : lines()) {
      out.append(line.text()).append('\n');
    }
    return out.toString();
  }

  /** The first stderr line containing {@code text}, if any. */
  Optional<String> stderrLineContaining(String text) {
    return stderr().lines().filter(l -> l.contains(text)).findFirst();
  }

  /** The child's stdout and the last {@value #STDERR_TAIL_LINES} lines of its stderr, for failure messages. */
  public String describe() {
    List<String> err = stderr().lines().toList();
    List<String> tail = err.subList(Math.max(0, err.size() - STDERR_TAIL_LINES), err.size());
    return "===== " + name + " (pid " + process.pid() + ") stdout: " + stdoutFile + "\n" + stdout()
        + "===== " + name + " stderr: " + stderrFile
        + (tail.size() < err.size() ? " (last " + tail.size() + " of " + err.size() + " lines)" : "") + "\n"
        + String.join("\n", tail) + "\n===== end of " + name + "\n";
  }

  /** Kills the JVM if it is still running (a test that failed half-way must not leave drivers behind). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
