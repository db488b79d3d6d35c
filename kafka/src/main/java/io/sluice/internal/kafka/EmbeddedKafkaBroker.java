package io.sluice.internal.kafka;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) in a child JVM,
 * for tests, the examples' {@code --demo} and the Kafka benchmark. A child process rather than
 * classes in this JVM: it can be stopped and started again on the same ports and logs (a broker
 * outage), its memory and threads stay out of the measured JVM, and this class needs the broker's
 * jars ({@code kafka_2.13}, {@code kafka-server}) only on the classpath it is given, not to compile.
 * When this JVM exits the child is killed and a temporary directory deleted, even without
 * {@link #close} (but not when this JVM is killed: {@code kill -9} of a test JVM leaves its broker
 * running). The broker's output is in {@code broker.out} of its directory and its warnings in
 * {@code broker.log}; a broker that fails to start reports their last lines.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final int LOG_TAIL_LINES = 60;

  private final Path dir;
  private final boolean ownsDir;
  private final String classPath;
  private final int port;
  private final Path config;
  private final Thread killOnExit;
  private volatile Process process; // volatile for the shutdown hook
  private Admin admin;

  private EmbeddedKafkaBroker(Path dir, boolean ownsDir, String classPath, int port,
                              Map<String, String> extraProperties) throws IOException {
    this.dir = dir;
    this.ownsDir = ownsDir;
    this.classPath = classPath;
    this.port = port > 0 ? port : freePort();
    int controllerPort = freePort();
    while (controllerPort == this.port) {
      controllerPort = freePort();
    }
    this.config = writeConfig(dir, this.port, controllerPort, extraProperties);
    this.killOnExit = new Thread(this::killAndCleanUpAtExit, "kafka-broker-killer");
    Runtime.getRuntime().addShutdownHook(killOnExit);
    try {
      format();
      launch();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A broker on free loopback ports, with storage in a new temporary directory, from this JVM's classpath. */
  public static EmbeddedKafkaBroker start() {
    return start(Map.of());
  }

  /** As {@link #start()}, with extra broker settings (e.g. {@code log.cleaner.backoff.ms}). */
  public static EmbeddedKafkaBroker start(Map<String, String> brokerProperties) {
    return start(0, brokerProperties);
  }

  /** A broker listening on {@code port} (0: any free port) of localhost. */
  public static EmbeddedKafkaBroker start(int port, Map<String, String> brokerProperties) {
    return start(null, null, port, brokerProperties);
  }

  /**
   * The general form, for callers outside this module's tests. {@code dir} holds the broker's data
   * and logs and is left in place by {@link #close}, to be inspected or reused (null: a new temporary
   * directory, deleted at close). {@code classPath} is the child JVM's and must hold
   * {@code kafka_2.13}, {@code kafka-server} and what they need (null: this JVM's, which has them in
   * this module's tests).
   */
  public static EmbeddedKafkaBroker start(Path dir, String classPath, int port,
                                          Map<String, String> brokerProperties) {
    String childClassPath = classPath != null ? classPath : System.getProperty("java.class.path");
    try {
      return dir == null
          ? new EmbeddedKafkaBroker(Files.createTempDirectory("sluice-kafka-"), true, childClassPath, port,
              brokerProperties)
          : new EmbeddedKafkaBroker(Files.createDirectories(dir), false, childClassPath, port, brokerProperties);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare a Kafka broker", e);
    }
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** An admin client of this broker, closed with it. */
  public synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> config = new HashMap<>(clientConfig());
      config.put("default.api.timeout.ms", 30_000);
      admin = Admin.create(config);
    }
    return admin;
  }

  /** A producer of string keys and values that waits for the broker's acknowledgement of each record. */
  public Producer<String, String> newProducer(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(clientConfig());
    config.put("acks", "all");
    config.put("linger.ms", 5);
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** What every client of this broker needs, to add a client's own settings to. */
  public Map<String, Object> clientConfig() {
    return Map.of("bootstrap.servers", bootstrapServers());
  }

  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** Creates a topic and waits until every partition has a leader, so producers do not race its creation. */
  public void createTopic(String name, int partitions, Map<String, String> topicConfig) {
    await(admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(topicConfig))).all());
    awaitPartitions(name, partitions);
  }

  public void addPartitions(String topic, int totalPartitions) {
    await(admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions))).all());
    awaitPartitions(topic, totalPartitions);
  }

  /** Deletes a topic and waits until the broker no longer lists it, so that what follows sees it gone. */
  public void deleteTopic(String topic) {
    await(admin().deleteTopics(List.of(topic)).all());
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (await(admin().listTopics().names()).contains(topic)) {
      if (System.nanoTime() > deadline) {
        throw new SluiceException("Topic " + topic + " is still listed " + READY_TIMEOUT.toSeconds()
            + " s after its deletion");
      }
      sleep(50);
    }
  }

  /** Stops the broker as an operator would (SIGTERM, a controlled shutdown); {@link #restart} brings it back. */
  public synchronized void stop() {
    closeAdmin();
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts the stopped broker again on the same ports with the same data, and waits until it serves. */
  public synchronized void restart() {
    stop();
    launch();
  }

  /** Kills the broker at once (SIGKILL), as a machine failure would. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the broker and removes its data. */
  @Override
  public synchronized void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway.
    }
    if (ownsDir) {
      deleteRecursively(dir);
    }
  }

  /** The shutdown hook; without the monitor, which launch() holds while it waits for the broker. */
  private void killAndCleanUpAtExit() {
    Process child = process;
    try {
      if (child != null) {
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsDir) {
      deleteRecursively(dir);
    }
  }

  // ---------------------------------------------------------------- the child JVM

  private void format() {
    // A static controller.quorum.voters needs no --standalone; --ignore-formatted lets a given dir be reused.
    Process formatter = startJava("kafka.tools.StorageTool", "format", "--config", config.toString(),
        "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted");
    try {
      if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
        formatter.destroyForcibly();
        throw new SluiceException("Formatting the Kafka broker's storage failed:\n" + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted formatting the Kafka broker's storage", e);
    }
  }

  private synchronized void launch() {
    process = startJava("kafka.Kafka", config.toString());
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new SluiceException("The Kafka broker exited with status " + process.exitValue() + ":\n" + tail());
      }
      if (serves()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new SluiceException("The Kafka broker did not start within " + READY_TIMEOUT.toSeconds() + " s:\n"
            + tail());
      }
      sleep(100);
    }
  }

  private boolean serves() {
    // A plain connect first: an admin client to a closed port logs a warning per attempt.
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("localhost", port), 500);
    } catch (IOException e) {
      return false;
    }
    Map<String, Object> probe = new HashMap<>(clientConfig());
    probe.put("default.api.timeout.ms", 2000);
    probe.put("request.timeout.ms", 1000);
    try (Admin client = Admin.create(probe)) {
      return !client.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted waiting for the Kafka broker", e);
    }
  }

  private Process startJava(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // Serial GC and C1 only: a broker that lives seconds to minutes gains nothing from C2 or a
    // parallel collector; measured on 2 cores it starts in ~2.6 s instead of ~3.3 s.
    command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml").toUri(), "-cp", classPath, mainClass));
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.out").toFile())).start();
    } catch (IOException e) {
      throw new SluiceException("Cannot start " + mainClass + ": " + e.getMessage(), e);
    }
  }

  private static Path writeConfig(Path dir, int port, int controllerPort, Map<String, String> extra)
      throws IOException {
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
    props.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("log.dirs", dir.resolve("data").toString());
    props.setProperty("num.partitions", "1");
    props.setProperty("auto.create.topics.enable", "false");
    // One broker: internal topics cannot have more replicas than that.
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "1");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("transaction.state.log.num.partitions", "1");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    props.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    extra.forEach(props::setProperty);
    Path file = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, "Sluice embedded Kafka broker");
    }
    Files.writeString(dir.resolve("log4j2.xml"), """
        <Configuration status="ERROR">
          <Appenders><File name="file" fileName="%s"><PatternLayout pattern="%%d %%-5level %%c{1} - %%msg%%n"/></File></Appenders>
          <Loggers><Root level="WARN"><AppenderRef ref="file"/></Root></Loggers>
        </Configuration>
        """.formatted(dir.resolve("broker.log")));
    return file;
  }

  // ---------------------------------------------------------------- helpers

  private void awaitPartitions(String topic, int partitions) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var description = admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        if (description.partitions().size() == partitions
            && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        // Metadata not there yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SluiceException("Interrupted waiting for topic " + topic, e);
      }
      sleep(50);
    }
    throw new SluiceException("Topic " + topic + " did not get " + partitions + " partitions with leaders");
  }

  private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new SluiceException("Kafka admin operation failed: " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new SluiceException("Kafka admin operation timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted", e);
    }
  }

  private synchronized void closeAdmin() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  private String tail() {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("broker.out", "broker.log")) {
      Path file = dir.resolve(name);
      try {
        if (Files.exists(file)) {
          // Decoded leniently: a crashing JVM can leave bytes that are not UTF-8.
          List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
          out.append("--- ").append(file).append('\n');
          lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
              .forEach(l -> out.append(l).append('\n'));
        }
      } catch (IOException e) {
        out.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
      }
    }
    return out.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted", e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory (perhaps being deleted by close() too): what is left is the OS's to clean.
    }
  }
}
