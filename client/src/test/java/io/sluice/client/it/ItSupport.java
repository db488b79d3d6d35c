package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.client.SubmitMain;
import io.sluice.devcluster.DevCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/** What the YARN integration tests share: running the client, build outputs, waiting, container logs. */
final class ItSupport {
  private static final Pattern APP_ID = Pattern.compile("application_\\d+_\\d+");

  private ItSupport() {}

  /** What {@code sluice-submit} printed, and its exit code. */
  record Output(int code, String text) {}

  /** Runs {@code sluice-submit} in this JVM against {@code cluster}'s conf dir; prints what it printed. */
  static Output client(DevCluster cluster, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = SubmitMain.run(List.of(args), Map.of("HADOOP_CONF_DIR", cluster.confDir().toString()), stream, stream);
    String text = bytes.toString(StandardCharsets.UTF_8);
    System.out.println("sluice-submit " + String.join(" ", args) + " -> " + code + "\n" + text);
    return new Output(code, text);
  }

  /** The first application id in {@code text}. */
  static ApplicationId appId(String text) {
    Matcher m = APP_ID.matcher(text);
    assertTrue(m.find(), "no application id in: " + text);
    return ApplicationId.fromString(m.group());
  }

  static Path examplesJar() throws IOException {
    return buildOutput(Path.of("..", "examples", "target"), "sluice-examples-[0-9.]+(-SNAPSHOT)?\\.jar");
  }

  /** sluice-kafka and kafka-clients (with its compression libraries), as the kafka module's build leaves them: for --jars. */
  static String kafkaJars() throws IOException {
    Path target = Path.of("..", "kafka", "target").toAbsolutePath();
    return buildOutput(target, "sluice-kafka-[0-9.]+(-SNAPSHOT)?\\.jar") + "," + target.resolve("kafka-libs");
  }

  /** sluice-sql and Calcite's runtime jars, as the sql module's build leaves them: for --jars. */
  static String sqlJars() throws IOException {
    Path target = Path.of("..", "sql", "target").toAbsolutePath();
    return buildOutput(target, "sluice-sql-[0-9.]+(-SNAPSHOT)?\\.jar") + "," + target.resolve("sql-libs");
  }

  /** The file in {@code dir} whose name matches {@code pattern}, as {@code mvn package} leaves it. */
  static Path buildOutput(Path dir, String pattern) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + pattern + " in " + dir + " (mvn package)"))
          .toAbsolutePath();
    }
  }

  /** Polls every 250 ms; fails naming {@code what} after {@code wait}. */
  static void await(String what, Duration wait, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + wait.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  /**
   * The log directory of one of the application's containers on the dev cluster, by the end of its
   * id ({@code _01_000001}: attempt 1's ApplicationMaster), holding {@code file}.
   */
  static Path containerLogDir(DevCluster cluster, ApplicationId app, String containerSuffix, String file)
      throws IOException {
    String appNumbers = app.toString().substring("application".length());
    try (Stream<Path> files = Files.walk(cluster.workDir())) {
      return files.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().startsWith("container" + appNumbers)
              && d.getFileName().toString().endsWith(containerSuffix))
          .filter(d -> Files.exists(d.resolve(file)))
          .findFirst().orElseThrow(() -> new AssertionError("no log dir of container *" + containerSuffix));
    }
  }

  /**
   * The complete batch directories ({@code saveAsTextFiles} output holding {@code _SUCCESS}) directly
   * under {@code dir}, oldest first; none when {@code dir} does not exist yet.
   */
  static List<org.apache.hadoop.fs.Path> completeBatches(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    List<org.apache.hadoop.fs.Path> batches = new ArrayList<>();
    if (fs.exists(dir)) {
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.isDirectory() && fs.exists(new org.apache.hadoop.fs.Path(s.getPath(), "_SUCCESS"))) {
          batches.add(s.getPath());
        }
      }
    }
    batches.sort(null);
    return batches;
  }

  /** Adds one line of a word count's output, such as {@code (apple,2)}, to {@code counts}. */
  static void addCount(Map<String, Long> counts, String line) {
    String inner = line.substring(1, line.length() - 1);
    int comma = inner.lastIndexOf(',');
    counts.merge(inner.substring(0, comma), Long.parseLong(inner.substring(comma + 1)), Long::sum);
  }
}
