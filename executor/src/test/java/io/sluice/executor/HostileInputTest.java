package io.sluice.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.cluster.ClusterMessages.ExecutorAddress;
import io.sluice.internal.cluster.ClusterMessages.RegisterExecutor;
import io.sluice.internal.cluster.ClusterScheduler;
import io.sluice.internal.rpc.RawPeer;
import io.sluice.internal.rpc.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile bytes on the real ports of a running {@code local-cluster[2,1,512]} application: the
 * driver's RPC server and one executor's block server, over loopback sockets. Each test is one kind
 * of attack, sent to both ports again and again while word counts run in the background until at
 * least one whole word count has run during the attacks. For every hostile connection:
 * the server closes it within a few seconds and logs a rejection naming the peer. After each test:
 * the same two executors are registered, their processes are alive, both ports still greet new
 * connections, and every word count (before, during and after) had exact results.
 *
 * <p>The transport's own unit-level version of these attacks is
 * {@code io.sluice.internal.rpc.HostileInputTest} in the streaming module.
 */
class HostileInputTest {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private static final Duration LOG_WAIT = Duration.ofSeconds(5);
  /** Bounds how long attacks go on waiting for background word counts to complete. */
  private static final Duration JOBS_WAIT = Duration.ofSeconds(60);
  private static final String REJECTIONS_LOGGER = "io.sluice.internal.rpc.Rejections";
  /** Random bytes fail whichever check they happen to hit first. */
  private static final String ANY_REASON = "";

  @TempDir
  static Path localDir;

  private static SluiceContext sc;
  private static ClusterScheduler cluster;
  private static List<Target> targets;
  private static Set<String> executorIdsAtStart;
  private static List<ProcessHandle> executorProcesses;
  private static final Queue<String> driverRejections = new ConcurrentLinkedQueue<>();
  private static AbstractAppender driverLogListener;

  private BackgroundWordCounts jobs;

  /** A port under attack, and how to read what its process logged. */
  private record Target(String name, InetSocketAddress address, Path logFile) {
    boolean logged(String text) {
      if (logFile == null) {
        return driverRejections.stream().anyMatch(line -> line.contains(text));
      }
      try {
        return Files.exists(logFile) && Files.readString(logFile, StandardCharsets.UTF_8).contains(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return name + " at " + address;
    }
  }

  /** One kind of hostile connection: does its damage to a fresh connection and returns it, still open on our side. */
  @FunctionalInterface
  private interface Attack {
    RawPeer on(Target target, int round) throws IOException;
  }

  // ---------------------------------------------------------------- setup

  @BeforeAll
  static void startCluster() throws Exception {
    listenToDriverRejections();
    sc = new SluiceContext(new SluiceConf(false).setMaster("local-cluster[2,1,512]").setAppName("hostile-input-test")
        .set("sluice.ui.enabled", "false").set("sluice.local.dir", localDir.toString()));
    cluster = (ClusterScheduler) Internals.context().backend(sc);
    assertWordCountIsExact("before any attack");

    executorIdsAtStart = Set.copyOf(Internals.context().backend(sc).executorIds());
    assertEquals(2, executorIdsAtStart.size(), executorIdsAtStart.toString());
    // This test JVM starts no other Java processes. (Their command lines would name ExecutorMain,
    // but the JDK truncates long command lines and the class path comes first.)
    executorProcesses = ProcessHandle.current().children()
        .filter(p -> p.info().command().orElse("").endsWith("java")).toList();
    assertEquals(2, executorProcesses.size(), "executor child processes: " + executorProcesses);

    ExecutorAddress executor = cluster.executorAddresses().get(0);
    targets = List.of(
        new Target("the driver's RPC server", cluster.address(), null),
        new Target("the block server of " + executor.executorId(),
            new InetSocketAddress(executor.host(), executor.port()), executorLog(executor.executorId())));
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (sc != null) {
        sc.stop();
      }
    } finally {
      if (driverLogListener != null) {
        LoggerContext.getContext(false).getLogger(REJECTIONS_LOGGER).removeAppender(driverLogListener);
        driverLogListener.stop();
      }
    }
  }

  @BeforeEach
  void startWordCountsInTheBackground() {
    jobs = new BackgroundWordCounts();
    jobs.start();
  }

  @AfterEach
  void clusterIsUnharmed() throws Exception {
    jobs.stopAndJoin();
    assertEquals(List.of(), jobs.errors, "word counts that ran during the attacks failed or were wrong");

    assertEquals(executorIdsAtStart, Set.copyOf(Internals.context().backend(sc).executorIds()),
        "an executor was lost, replaced or added");
    assertEquals(2, Internals.context().backend(sc).executorIds().size());
    for (ProcessHandle executor : executorProcesses) {
      assertTrue(executor.isAlive(), "executor process " + executor.pid() + " died");
    }
    for (Target target : targets) {
      try (RawPeer peer = new RawPeer(target.address())) {
        assertEquals("CHALLENGE", peer.readGreeting(), target + " no longer greets new connections");
      }
    }
    assertWordCountIsExact("after the attacks");
  }

  // ---------------------------------------------------------------- the attacks

  /** 4 KiB of random bytes: neither a sensible length prefix nor a frame type. */
  @Test
  void randomGarbage() throws Exception {
    attackBothPortsWhileJobsRun(ANY_REASON, (target, round) -> {
      byte[] garbage = new byte[4096];
      new Random(round).nextBytes(garbage);
      return connect(target).writeRaw(garbage);
    });
  }

  /**
   * A length prefix announcing 100 bytes, then only 3 of them (the start of an AUTH_RESPONSE), then end of
   * stream: we half-close, so we can still see the server close its side.
   */
  @Test
  void truncatedFrame() throws Exception {
    attackBothPortsWhileJobsRun("connection closed in the middle of a frame", (target, round) -> {
      RawPeer peer = connect(target).writeRaw(ByteBuffer.allocate(7).putInt(100).put(new byte[] {3, 1, 2}).array());
      peer.shutdownOutput();
      return peer;
    });
  }

  /** A length prefix of 0x7fffffff: a server that believed it would try to buffer 2 GiB. */
  @Test
  void hugeLengthPrefix() throws Exception {
    attackBothPortsWhileJobsRun("frame of 2147483647 bytes exceeds the limit", (target, round) ->
        connect(target).writeRaw(ByteBuffer.allocate(4).putInt(0x7fffffff).array()));
  }

  /**
   * A well-formed MESSAGE frame, an executor registration exactly as a real executor sends it, but
   * without authenticating: right away, or after reading the server's challenge instead of answering it.
   * (Had one got through, "exec-intruder" would be among the executors, which the checks after each test rule out.)
   */
  @Test
  void messageBeforeAuthenticating() throws Exception {
    byte[] registration = RawPeer.requestFrame(
        new RegisterExecutor("exec-intruder", "127.0.0.1", 1, 64, 1L << 30));
    attackBothPortsWhileJobsRun("sent a frame of type MESSAGE before authenticating", (target, round) -> {
      RawPeer peer = connect(target);
      if (round % 2 == 1) {
        assertEquals("CHALLENGE", peer.readGreeting());
      }
      return peer.writeRaw(registration);
    });
  }

  /** A correctly formed answer to the challenge: a real HMAC proof, but computed with a wrong secret. */
  @Test
  void handshakeWithAWrongSecret() throws Exception {
    attackBothPortsWhileJobsRun("failed authentication (wrong secret)", (target, round) -> {
      RawPeer peer = connect(target);
      assertEquals("AUTH_REJECTED", peer.answerChallengeWith(Secrets.generate()), target.toString());
      return peer;
    });
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Sends {@code attack} to every target, round after round, until the background has completed two
   * more word counts than when the attacks began: the second of them ran entirely while attacks went on.
   * Every hostile connection must be closed by the server; for the first one of each target, the
   * server must also have logged the rejection, naming our end of the connection and the reason.
   */
  private void attackBothPortsWhileJobsRun(String reason, Attack attack) throws Exception {
    int countsBefore = jobs.completed.get();
    long deadline = System.nanoTime() + JOBS_WAIT.toNanos();
    int round = 0;
    do {
      for (Target target : targets) {
        try (RawPeer peer = attack.on(target, round)) {
          assertTrue(peer.closedByServerWithin(CLOSE_WAIT),
              target + " kept a hostile connection open (round " + round + ")");
          if (round == 0) {
            String rejection = "Closing connection with " + peer.localAddress() + ": " + reason;
            assertTrue(waitFor(LOG_WAIT, () -> target.logged(rejection)),
                target + " closed the connection but logged no '" + rejection + "'");
          }
        }
      }
      round++;
    } while (jobs.completed.get() < countsBefore + 2 && jobs.errors.isEmpty() && System.nanoTime() < deadline);
    assertTrue(jobs.completed.get() >= countsBefore + 2 || !jobs.errors.isEmpty(),
        "only " + (jobs.completed.get() - countsBefore) + " word count(s) completed in " + JOBS_WAIT
            + " of attacks (" + round + " rounds)");
  }

  private static RawPeer connect(Target target) throws IOException {
    return new RawPeer(target.address());
  }

  /** Word counts on the cluster, one after another, until stopped; each one's result must be exact. */
  private static final class BackgroundWordCounts extends Thread {
    final AtomicInteger completed = new AtomicInteger();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    BackgroundWordCounts() {
      super("background-word-counts");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!stop.get()) {
        try {
          assertWordCountIsExact("during the attacks, word count " + (completed.get() + 1));
          completed.incrementAndGet();
        } catch (Throwable t) {
          errors.add(t);
          return;
        }
      }
    }

    void stopAndJoin() throws InterruptedException {
      stop.set(true);
      join(JOBS_WAIT.toMillis());
      if (isAlive()) {
        fail("a background word count did not finish within " + JOBS_WAIT);
      }
    }
  }

  /** 1000 lines "a b cN" (N = line % 10), counted with a shuffle between the executors. */
  private static void assertWordCountIsExact(String when) {
    assertEquals(WordCountJob.expected(), WordCountJob.run(sc), "word count " + when);
  }

  /** Where the launcher puts an executor's stderr (its log): sluice.local.dir/sluice-executors-PID-*&#47;ID/stderr. */
  private static Path executorLog(String executorId) throws IOException {
    try (Stream<Path> dirs = Files.list(localDir)) {
      List<Path> logs = dirs.filter(d -> d.getFileName().toString().startsWith("sluice-executors-"))
          .map(d -> d.resolve(executorId).resolve("stderr")).filter(Files::exists).toList();
      assertEquals(1, logs.size(), "the log of " + executorId + " under " + localDir + ": " + logs);
      return logs.get(0);
    }
  }

  /** Collects the driver's rejection warnings ("Closing connection with /host:port: problem"). */
  private static void listenToDriverRejections() {
    driverLogListener = new AbstractAppender("hostile-input-test", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        driverRejections.add(event.getMessage().getFormattedMessage());
      }
    };
    driverLogListener.start();
    org.apache.logging.log4j.core.Logger logger = LoggerContext.getContext(false).getLogger(REJECTIONS_LOGGER);
    logger.addAppender(driverLogListener);
    logger.setAdditive(true); // the warnings still go to the configured appenders (the test output) too
  }

  private static boolean waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return true;
  }
}
