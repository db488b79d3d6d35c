package io.sluice.client.it.apps;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * A driver for YarnSubmitOptionsIT: fails its first attempts on purpose ({@code failBelowAttempt}),
 * then reports what the driver and the executors see of the submission's options (a system
 * property from extraJavaOptions, an environment variable, a --files file and an --archives archive
 * in the working directory) to {@code reportFile} on HDFS, and prints enough to roll stdout.
 * Args: {@code reportFile failBelowAttempt printLines}.
 */
public final class OptionsProbe {
  private OptionsProbe() {}

  public static void main(String[] args) throws Exception {
    int attempt = ContainerId.fromString(System.getenv("CONTAINER_ID")).getApplicationAttemptId().getAttemptId();
    if (attempt < Integer.parseInt(args[1])) {
      Thread.sleep(4000); // outlive the attempt-failure validity interval of the test
      throw new IllegalStateException("planned failure of attempt " + attempt);
    }
    String line = "x".repeat(99);
    for (int i = 0, n = Integer.parseInt(args[2]); i < n; i++) {
      System.out.println(line);
    }
    TreeSet<String> seen = new TreeSet<>();
    seen.add(observe("driver"));
    try (SluiceContext sc = new SluiceContext(new SluiceConf().setAppName("OptionsProbe"))) {
      seen.addAll(sc.parallelize(List.of(1, 2, 3, 4), 4).map(i -> observe("executor")).collect());
    }
    Path report = Path.of(args[0]);
    try (FileSystem fs = FileSystem.newInstance(new Configuration());
         OutputStream out = fs.create(new org.apache.hadoop.fs.Path(args[0]), true)) {
      out.write((String.join("\n", seen) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    System.err.println("reported to " + report);
  }

  static String observe(String role) {
    return role + " prop=" + System.getProperty("probe.prop") + " env=" + System.getenv("PROBE_ENV")
        + " file=" + read("lookup.txt") + " archive=" + read("model/weights.txt");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      return "missing";
    }
  }
}
