package io.sluice.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.client.SubmitMain;
import io.sluice.client.it.apps.OptionsProbe;
import io.sluice.internal.util.JvmOptions;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What production users pass to {@code sluice-submit} and how they launch it, on the dev cluster:
 * {@code yarn jar} (Hadoop's RunJar on the client jar), {@code --files}/{@code --archives}, JVM
 * options, container environments, rolling container output, YARN's own count of failed attempts,
 * and the checkpoint's owner being the user's main class.
 */
class YarnSubmitOptionsIT {
  @RegisterExtension
  static final SharedDevCluster CLUSTER = new SharedDevCluster(2, YarnSubmitOptionsIT.LABEL);
  /** The exclusive node label of the cluster's second NodeManager; unlabelled containers run on the first. */
  static final String LABEL = "streaming";

  private static final Duration WAIT = Duration.ofSeconds(150);

  private static YarnClient yarn;
  private static FileSystem fs;

  @BeforeAll
  static void connect() throws IOException {
    yarn = CLUSTER.newYarnClient();
    fs = CLUSTER.fs();
  }

  @AfterAll
  static void disconnect() throws IOException {
    if (yarn != null) {
      yarn.close();
    }
  }

  // ---------------------------------------------------------------- yarn jar

  @Test
  void yarnJarRunsTheClientThroughHadoopsRunJar() throws Exception {
    // What `yarn jar` does: RunJar, on the installation's Hadoop classpath, unpacks the client jar and
    // loads it in a class loader of its own. Here the "installation" is a directory of Hadoop's
    // client jars, named by HADOOP_HOME as the yarn script does.
    Path hadoopHome = Files.createDirectories(Path.of("target", "it-hadoop-home").toAbsolutePath());
    List<String> classPath = new ArrayList<>();
    for (String artifact : List.of("hadoop-client-api", "hadoop-client-runtime", "slf4j-api", "commons-logging")) {
      classPath.add(installed(hadoopHome, artifact).toString());
    }
    Path input = Path.of("target", "it-runjar-input").toAbsolutePath();
    Files.createDirectories(input);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JvmOptions.ADD_OPENS);
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "org.apache.hadoop.util.RunJar",
        clientJar().toString(), "submit", "--class", "io.sluice.examples.FileWordCount",
        "--jar", examplesJar().toString(), "--executors", "1", "--executor-memory", "256m", "--driver-memory", "256m",
        "--", input.toUri().toString(), "4"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HADOOP_CONF_DIR", CLUSTER.cluster().confDir().toString());
    builder.environment().put("HADOOP_HOME", hadoopHome.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), output);
    System.out.println("RunJar sluice-client.jar submit ... -> " + process.exitValue() + "\n" + output);
    assertEquals(0, process.exitValue(), output);
    ApplicationId app = appId(output);
    assertEquals(FinalApplicationStatus.SUCCEEDED, yarn.getApplicationReport(app).getFinalApplicationStatus());
    // Hadoop's jars under HADOOP_HOME are the cluster's: the client ships its own shaded client jars.
    assertTrue(output.contains("Runtime jars: "), output);
  }

  /** A hard link (or copy) of a jar of this JVM's classpath in the fake installation. */
  private static Path installed(Path hadoopHome, String artifact) throws IOException {
    String pattern = artifact + "-[0-9.]+\\.jar";
    Path source;
    try (Stream<Path> jars = Files.list(Path.of("target", "lib"))) {
      source = jars.filter(f -> f.getFileName().toString().matches(pattern)).findFirst()
          .orElseThrow(() -> new IllegalStateException(artifact + " is not in target/lib (mvn package)"));
    }
    Path target = hadoopHome.resolve(source.getFileName());
    if (!Files.exists(target)) {
      try {
        Files.createLink(target, source.toAbsolutePath());
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(source, target);
      }
    }
    return target;
  }

  // ---------------------------------------------------------------- options, files, logs, attempts

  @Test
  void optionsAndFilesReachEveryContainerOutputRollsAndForgivenFailuresDoNotEndTheApplication() throws Exception {
    Path local = Files.createDirectories(Path.of("target", "it-options").toAbsolutePath());
    Path lookup = Files.writeString(local.resolve("words.txt"), "hello\n");
    Path model = zip(local.resolve("model.zip"), "weights.txt", "w42\n");
    String report = fs.makeQualified(new org.apache.hadoop.fs.Path("/it/options/report.txt")).toString();

    // Two attempts allowed, failures older than 2 s forgiven: attempts 1 and 2 fail 4 s after they
    // start, so attempt 2's failure is the only one that counts when it fails, and attempt 3 runs.
    ItSupport.Output run = client("submit", "--class", OptionsProbe.class.getName(), "--jar", probeJar().toString(),
        "--executors", "1", "--executor-memory", "256m", "--driver-memory", "256m", "--max-attempts", "2",
        "--conf", "sluice.yarn.am.attemptFailuresValidityInterval=2s",
        "--files", lookup + "#lookup.txt", "--archives", model + "#model",
        "--conf", "sluice.driver.extraJavaOptions=-XX:+UseSerialGC -Dprobe.prop='driver side'",
        "--conf", "sluice.executor.extraJavaOptions=-Dprobe.prop=executor-side",
        "--conf", "sluice.yarn.appMasterEnv.PROBE_ENV=am-env", "--conf", "sluice.executorEnv.PROBE_ENV=exec-env",
        "--conf", "sluice.yarn.log.maxSize=1m", "--conf", "sluice.yarn.log.maxFiles=2",
        "--", report, "3", "30000");
    assertEquals(0, run.code(), run.text());
    ApplicationId app = appId(run);
    assertEquals(FinalApplicationStatus.SUCCEEDED, yarn.getApplicationReport(app).getFinalApplicationStatus());
    assertEquals(3, yarn.getApplicationAttempts(app).size(), "attempt 3 ran after two failures");

    List<String> seen = readLines(report);
    assertEquals(List.of("driver prop=driver side env=am-env file=hello archive=w42",
        "executor prop=executor-side env=exec-env file=hello archive=w42"), seen);

    // 30,000 lines of 100 bytes in the driver's stdout: rolled at 1 MB, two files kept.
    Path logs = ItSupport.containerLogDir(CLUSTER.cluster(), app, "_03_000001", "stdout");
    assertTrue(Files.size(logs.resolve("stdout")) <= 1024 * 1024, "stdout rolled");
    assertTrue(Files.size(logs.resolve("stdout.1")) > 900 * 1024, "stdout.1 holds the previous megabyte");
    assertFalse(Files.exists(logs.resolve("stdout.2")), "only two stdout files kept");
    assertTrue(Files.exists(logs.resolve("sluice.log")), "the driver's log beside it");
  }

  // ---------------------------------------------------------------- node labels

  @Test
  void nodeLabelsPlaceTheApplicationMasterAndTheExecutorsOnTheLabelledNode() throws Exception {
    Path input = Files.createDirectories(Path.of("target", "it-labels-input").toAbsolutePath());
    ItSupport.Output run = client("submit", "--class", "io.sluice.examples.FileWordCount",
        "--jar", examplesJar().toString(), "--executors", "1", "--executor-memory", "256m", "--driver-memory", "256m",
        "--conf", "sluice.yarn.am.nodeLabelExpression=" + LABEL,
        "--conf", "sluice.yarn.executor.nodeLabelExpression=" + LABEL, "--", input.toUri().toString(), "3");
    assertEquals(0, run.code(), run.text());
    ApplicationId app = appId(run);
    // Every container of the application logged on the second NodeManager (log dirs "...-nm-1_*").
    for (String container : List.of("_01_000001", "_01_000002")) {
      Path logs = ItSupport.containerLogDir(CLUSTER.cluster(), app, container, "sluice.log");
      assertTrue(logs.toString().contains("-logDir-nm-1_"), container + " ran outside the labelled node: " + logs);
    }
  }

  // ---------------------------------------------------------------- checkpoint owner

  @Test
  void theCheckpointBelongsToTheUsersMainClassLocallyAndOnYarn() throws Exception {
    org.apache.hadoop.fs.Path base = fs.makeQualified(new org.apache.hadoop.fs.Path("/it/owner"));
    org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path(base, "in");
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(base, "out");
    org.apache.hadoop.fs.Path checkpoint = new org.apache.hadoop.fs.Path(base, "checkpoint");
    fs.mkdirs(input);
    // 4 s batches: the batches missed between the local run and YARN are regenerated first, one by one.
    List<String> appArgs = List.of(input.toString(), output.toString(), checkpoint.toString(), "4");

    // 1. A local run (java RecoverableFileWordCount, master local[2]) counts one file and checkpoints.
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JvmOptions.ADD_OPENS);
    command.addAll(List.of("-Xmx384m", "-Dsluice.master=local[2]", "-Dsluice.ui.enabled=false",
        "-cp", System.getProperty("java.class.path"), "io.sluice.examples.RecoverableFileWordCount"));
    command.addAll(appArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Path.of("target", "it-owner-local.log").toFile());
    builder.environment().put("HADOOP_CONF_DIR", CLUSTER.cluster().confDir().toString());
    Process localRun = builder.start();
    try {
      await("the local run's first batch", () -> exists(new org.apache.hadoop.fs.Path(output, "totals")));
      CLUSTER.writeTextFileAtomically(input.toString(), "local.txt", List.of("apple banana", "apple"));
      await("the local run's totals", () -> totals(output).equals(Map.of("apple", 2L, "banana", 1L)));
    } finally {
      localRun.destroy();
      localRun.waitFor(30, TimeUnit.SECONDS);
    }

    // 2. The same main class on YARN recovers from that checkpoint: its totals go on from the local run's.
    ItSupport.Output same = client(withArgs(List.of("submit", "--class", "io.sluice.examples.RecoverableFileWordCount",
        "--jar", examplesJar().toString(), "--executors", "1", "--executor-memory", "256m", "--driver-memory", "256m",
        "--detach"), appArgs));
    assertEquals(0, same.code(), same.text());
    ApplicationId recovered = appId(same);
    await(recovered + " RUNNING", () -> state(recovered) == YarnApplicationState.RUNNING);
    CLUSTER.writeTextFileAtomically(input.toString(), "yarn.txt", List.of("banana cherry"));
    await("totals across the local run and YARN", () -> totals(output).equals(
        Map.of("apple", 2L, "banana", 2L, "cherry", 1L)));
    assertEquals(0, client("kill", recovered.toString()).code());

    // 3. Another main class pointed at the same checkpoint is refused on YARN as it is locally.
    ItSupport.Output other = client("submit", "--class", "io.sluice.examples.RecoverableNetworkWordCount",
        "--jar", examplesJar().toString(), "--executors", "1", "--executor-memory", "256m", "--driver-memory", "256m",
        "--max-attempts", "1", "--", "localhost", "9", checkpoint.toString(), "/tmp/unused-output");
    assertTrue(other.code() != 0, other.text());
    ApplicationReport refused = yarn.getApplicationReport(appId(other));
    assertEquals(FinalApplicationStatus.FAILED, refused.getFinalApplicationStatus());
    assertTrue(refused.getDiagnostics().contains("written by another application")
        && refused.getDiagnostics().contains("io.sluice.examples.RecoverableFileWordCount"), refused.getDiagnostics());
  }

  // ---------------------------------------------------------------- helpers

  private static ItSupport.Output client(String... args) {
    return ItSupport.client(CLUSTER.cluster(), args);
  }

  private static String[] withArgs(List<String> options, List<String> appArgs) {
    List<String> all = new ArrayList<>(options);
    all.add("--");
    all.addAll(appArgs);
    return all.toArray(new String[0]);
  }

  private static ApplicationId appId(String text) {
    return ItSupport.appId(text);
  }

  private static ApplicationId appId(ItSupport.Output out) {
    return ItSupport.appId(out.text());
  }

  private static YarnApplicationState state(ApplicationId app) {
    try {
      return yarn.getApplicationReport(app).getYarnApplicationState();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean exists(org.apache.hadoop.fs.Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> readLines(String file) throws IOException {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** The newest complete totals batch of RecoverableFileWordCount, lines such as {@code (apple,2)}. */
  private static Map<String, Long> totals(org.apache.hadoop.fs.Path output) {
    try {
      List<org.apache.hadoop.fs.Path> batches = ItSupport.completeBatches(fs, new org.apache.hadoop.fs.Path(output,
          "totals"));
      Map<String, Long> counts = new TreeMap<>();
      if (!batches.isEmpty()) {
        for (String line : CLUSTER.readPartFileLines(batches.get(batches.size() - 1).toString())) {
          ItSupport.addCount(counts, line);
        }
      }
      return counts;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path zip(Path file, String entry, String content) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream zip = new JarOutputStream(out)) {
      zip.putNextEntry(new JarEntry(entry));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }

  /** The probe's classes (its nested and synthetic classes too) as an application jar. */
  private static Path probeJar() throws IOException {
    Path jar = Path.of("target", "it-jars", "options-probe.jar").toAbsolutePath();
    Files.createDirectories(jar.getParent());
    String prefix = OptionsProbe.class.getName().replace('.', '/');
    Path classes = Path.of("target", "test-classes");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
         Stream<Path> files = Files.walk(classes.resolve(prefix).getParent())) {
      for (Path f : files.filter(p -> classes.relativize(p).toString().startsWith(prefix)).toList()) {
        zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static Path examplesJar() throws IOException {
    return ItSupport.examplesJar();
  }

  private static Path clientJar() throws IOException {
    return ItSupport.buildOutput(Path.of("target"), "sluice-client-[0-9.]+(-SNAPSHOT)?\\.jar");
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    ItSupport.await(what, WAIT, condition);
  }
}
