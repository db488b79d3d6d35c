package io.sluice.client;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tries the {@code -X} and {@code -XX} flags of {@code sluice.*.extraJavaOptions} on this machine's
 * JVM ({@code java <flags> -version}) before anything is uploaded: a misspelt GC flag would otherwise
 * surface as containers that exit at once, minutes later, with the reason in a container log. Other
 * options ({@code -D}, agents whose files exist only on the cluster) are not tried.
 */
final class JvmFlagsCheck {
  private static final long TIMEOUT_S = 30;

  private JvmFlagsCheck() {}

  /** @throws SluiceException naming the key and what the JVM said */
  static void check(String key, List<String> options) {
    List<String> flags = options.stream().filter(o -> o.startsWith("-X")).toList();
    if (flags.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-version");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return; // no verdict: the cluster's JVM will tell
      }
      if (process.exitValue() != 0) {
        String said = new String(output, StandardCharsets.UTF_8).lines()
            .filter(l -> !l.isBlank()).findFirst().orElse("exit code " + process.exitValue());
        throw new SluiceException(key + ": the JVM refuses " + String.join(" ", flags) + ": " + said);
      }
    } catch (IOException e) {
      // No verdict without a JVM to ask; the containers' JVMs will report the flags.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
