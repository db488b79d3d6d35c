package io.sluice.executor;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.cluster.ExecutorLauncher;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.rpc.Secrets;
import io.sluice.internal.util.JvmOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts executors as child JVMs of the driver with the driver's classpath. Each gets a directory
 * under {@code sluice.local.dir} holding its launch spec and its stdout/stderr; the directory tree
 * is removed when the application stops.
 */
final class ChildProcessLauncher implements ExecutorLauncher {
  private static final Logger log = LoggerFactory.getLogger(ChildProcessLauncher.class);
  private static final int STDERR_TAIL_LINES = 30;

  private final Path workDir;
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private volatile boolean closing;

  ChildProcessLauncher(SluiceConf conf) {
    try {
      Path base = Path.of(SluiceOptions.LOCAL_DIR.get(conf));
      Files.createDirectories(base);
      this.workDir = Files.createTempDirectory(base, "sluice-executors-" + ProcessHandle.current().pid() + "-");
    } catch (IOException e) {
      throw new SluiceException("Could not create a directory for executor processes under "
          + SluiceOptions.LOCAL_DIR.get(conf) + " (sluice.local.dir): " + e, e);
    }
  }

  @Override
  public void launch(ExecutorLaunchSpec spec, byte[] secret, ExitListener onExit) {
    try {
      Path dir = Files.createDirectories(workDir.resolve(spec.executorId()));
      Path specFile = dir.resolve("launch.properties");
      spec.write(specFile);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JvmOptions.ADD_OPENS);
      command.add("-Xmx" + spec.memoryMb() + "m");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(ExecutorMain.class.getName());
      command.add(specFile.toString());
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(dir.resolve("stdout").toFile())
          .redirectError(dir.resolve("stderr").toFile());
      builder.environment().remove(ExecutorLaunchSpec.SECRET_ENV);
      if (secret != null) {
        builder.environment().put(ExecutorLaunchSpec.SECRET_ENV, Secrets.toHex(secret));
      }
      Process process = builder.start();
      processes.put(spec.executorId(), process);
      process.onExit().thenAccept(p -> exited(spec.executorId(), p, dir, onExit));
      log.info("Executor {} is process {} (logs in {})", spec.executorId(), process.pid(), dir);
    } catch (IOException e) {
      throw new SluiceException("Could not start executor " + spec.executorId() + ": " + e, e);
    }
  }

  private void exited(String executorId, Process process, Path dir, ExitListener onExit) {
    processes.remove(executorId, process);
    if (closing) {
      return;
    }
    String diagnostics = "process " + process.pid() + " exited with code " + process.exitValue();
    if (process.exitValue() != 0) {
      // The JVM reports its own start-up failures (e.g. too small a heap) on stdout.
      String tail = (tail(dir.resolve("stdout")) + "\n" + tail(dir.resolve("stderr"))).strip();
      log.warn("Executor {} ({}); last lines of its output:\n{}", executorId, diagnostics, tail);
      diagnostics += tail.isBlank() ? "" : "; its output ends with: " + tail.lines().reduce((a, b) -> b).orElse("");
    }
    onExit.exited(executorId, diagnostics);
  }

  private static String tail(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - STDERR_TAIL_LINES), all.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** A child declared lost may only be paused; killed, it cannot wake up and work beside its replacement. */
  @Override
  public void stop(String executorId) {
    Process process = processes.get(executorId);
    if (process != null) {
      log.info("Killing process {} of lost executor {}", process.pid(), executorId);
      process.destroyForcibly();
    }
  }

  @Override
  public String describe() {
    return processes.size() + " child process(es) under " + workDir;
  }

  /** Waits briefly for executors told to stop, kills the rest, and removes their directories. */
  @Override
  public void close() {
    closing = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Process process : List.copyOf(processes.values())) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    deleteRecursively(workDir);
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      log.debug("Could not remove {}: {}", root, e.toString());
    }
  }
}
