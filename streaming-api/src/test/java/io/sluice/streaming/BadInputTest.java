package io.sluice.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.TaskContext;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.testing.BatchOutputs;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import io.sluice.testing.Sink;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every mistake a user can make gets a SluiceException that names the problem. */
class BadInputTest {
  private static final Duration BATCH = Durations.seconds(1);
  private static final Set<Integer> FAILED_ATTEMPTS = ConcurrentHashMap.newKeySet();

  @TempDir
  Path tmp;

  private static SluiceException assertFailsWith(Executable action, String... expectedInMessage) {
    SluiceException e = assertThrows(SluiceException.class, action);
    for (String expected : expectedInMessage) {
      assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
    return e;
  }

  private static void assertNoContextLeftActive() {
    assertEquals(Optional.empty(), SluiceContext.active(), "a failed construction must not leave a context");
    assertEquals(Optional.empty(), StreamingContext.getActive());
  }

  // ---------------------------------------------------------------- configuration

  @ParameterizedTest
  @ValueSource(strings = {"local[x]", "spark://host:7077", "local-cluster[2,1]", "local[0]", "locl"})
  void badMasterUrlNamesItAndTheAcceptedForms(String master) {
    SluiceConf conf = ManualStreaming.conf(master);
    assertFailsWith(() -> new SluiceContext(conf), "'" + master + "'", "local[N]",
        "local-cluster[executors,coresPerExecutor,memoryMB]", "yarn");
    assertFailsWith(() -> new StreamingContext(conf, BATCH), "'" + master + "'");
    assertNoContextLeftActive();
  }

  @Test
  void batchIntervalMustBePositive() {
    assertFailsWith(() -> new StreamingContext(ManualStreaming.conf("local[2]"), Durations.milliseconds(0)),
        "batch interval", "0 ms");
    assertFailsWith(() -> new StreamingContext(ManualStreaming.conf("local[2]"), Durations.seconds(-1)),
        "batch interval", "-1000 ms");
    assertNoContextLeftActive();
    try (SluiceContext sc = new SluiceContext(ManualStreaming.conf("local[2]"))) {
      assertFailsWith(() -> new StreamingContext(sc, Durations.milliseconds(0)), "batch interval");
      assertEquals(1, sc.parallelize(List.of(1)).count(), "the SluiceContext stays usable");
    }
  }

  @Test
  void unparsableConfigValueNamesTheKey() {
    assertFailsWith(() -> new SluiceContext(ManualStreaming.conf("local[2]").set("sluice.task.maxFailures", "abc")),
        "sluice.task.maxFailures", "abc");
    assertFailsWith(() -> new SluiceContext(ManualStreaming.conf("local[2]").set("sluice.serializer", "xml")),
        "sluice.serializer", "xml");
    assertNoContextLeftActive();
  }

  @Test
  void invalidConcurrentJobsFailsAtStartNamingTheKey() {
    try (ManualStreaming t = new ManualStreaming(ManualStreaming.conf("local[2]")
        .set("sluice.streaming.concurrentJobs", "0"), BATCH)) {
      t.queueOf(List.of(List.of(1)), 1).foreachRDD(rdd -> rdd.count());
      assertFailsWith(t::start, "sluice.streaming.concurrentJobs", "0");
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
      assertEquals(Optional.empty(), StreamingContext.getActive());
    }
  }

  // ---------------------------------------------------------------- user code

  /** Deliberately not Serializable: a lambda capturing it cannot be shipped to executors. */
  static final class NotSerializablePrefixer {
    final String prefix = ">";
  }

  @Test
  void nonSerializableClosureFailsAtStartNamingTheClass() {
    try (ManualStreaming t = new ManualStreaming("local[2]", BATCH)) {
      NotSerializablePrefixer prefixer = new NotSerializablePrefixer();
      t.queueOf(List.of(List.of("a")), 1).map(s -> prefixer.prefix + s).print();
      assertFailsWith(t::start, NotSerializablePrefixer.class.getName());
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
      assertEquals(Optional.empty(), StreamingContext.getActive());
    }
  }

  private static String causeChain(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      s.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" | ");
    }
    return s.toString();
  }

  @Test
  void failingUserFunctionIsRetriedThenFailsOnlyItsBatch() throws Exception {
    FAILED_ATTEMPTS.clear();
    RecordingListener listener = new RecordingListener();
    Sink<String> caught = Sink.create();
    try (ManualStreaming t = new ManualStreaming(ManualStreaming.conf("local[2]")
        .set("sluice.task.maxFailures", "3"), BATCH)) {
      t.ssc().addStreamingListener(listener);
      DStream<Integer> tens = t.queueOf(List.of(List.of(1, 2, -1, 3), List.of(4, 5)), 2).map(x -> {
        if (x < 0) {
          FAILED_ATTEMPTS.add(TaskContext.get().attemptNumber());
          throw new IllegalStateException("negative input " + x);
        }
        return x * 10;
      });
      BatchOutputs<Integer> out = BatchOutputs.capture(tens);
      tens.foreachRDD(rdd -> {
        try {
          rdd.count();
        } catch (SluiceException e) {
          caught.add(causeChain(e));
        }
      });
      t.start();
      t.runBatches(2);
      assertTrue(t.ssc().awaitListenerEvents(10_000));

      assertEquals(Set.of(0, 1, 2), new TreeSet<>(FAILED_ATTEMPTS), "3 attempts with sluice.task.maxFailures=3");
      List<OutputOperationInfo> ops = listener.completedOutputOperations();
      OutputOperationInfo failed = ops.stream().filter(o -> o.id() == 0 && o.batchTime().milliseconds() == 1000)
          .findFirst().orElseThrow();
      String reason = failed.failureReason().orElseThrow(() -> new AssertionError("no failure reason: " + ops));
      assertTrue(reason.contains(IllegalStateException.class.getName()), reason);
      assertTrue(reason.contains("negative input -1"), reason);

      assertEquals(1, caught.size(), caught.values().toString());
      String chain = caught.values().get(0);
      assertTrue(chain.contains(IllegalStateException.class.getName() + ": negative input -1"), chain);

      // The context goes on, and the next batch is processed correctly.
      assertEquals(StreamingContextState.ACTIVE, t.ssc().getState());
      assertEquals(List.of(2000L), out.times());
      assertEquals(List.of(List.of(40, 50)), out.sortedBatches());
      assertTrue(ops.stream().filter(o -> o.batchTime().milliseconds() == 2000)
          .allMatch(o -> o.failureReason().isEmpty()), ops.toString());
      out.release();
    } finally {
      caught.release();
    }
  }

  @Test
  void failingOutputOperationDoesNotStopTheOthersOfItsBatch() throws Exception {
    RecordingListener listener = new RecordingListener();
    Sink<String> log = Sink.create();
    try (ManualStreaming t = new ManualStreaming("local[2]", BATCH)) {
      t.ssc().addStreamingListener(listener);
      DStream<Integer> s = t.queueOf(List.of(List.of(1), List.of(2)), 1);
      s.foreachRDD((rdd, time) -> {
        if (time.milliseconds() == 1000) {
          throw new IllegalArgumentException("first output failed");
        }
        log.add("first@" + time.milliseconds());
      });
      s.foreachRDD((rdd, time) -> log.add("second@" + time.milliseconds() + "=" + rdd.collect()));
      t.start();
      t.runBatches(2);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      assertEquals(List.of("second@1000=[1]", "first@2000", "second@2000=[2]"), log.values());
      List<String> reasons = listener.completedOutputOperations().stream()
          .map(o -> o.batchTime().milliseconds() + "/" + o.id() + ":" + o.failureReason().isPresent()).toList();
      assertEquals(List.of("1000/0:true", "1000/1:false", "2000/0:false", "2000/1:false"), reasons);
      assertTrue(listener.completedOutputOperations().get(0).failureReason().orElseThrow()
          .contains("first output failed"));
      assertEquals(2, listener.completedBatches().size(), "a batch with a failed output still completes");
    } finally {
      log.release();
    }
  }

  @Test
  void transformThatThrowsOnTheDriverFailsOnlyItsBatch() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (ManualStreaming t = new ManualStreaming("local[2]", BATCH)) {
      t.ssc().addStreamingListener(listener);
      DStream<Integer> checked = t.queueOf(List.of(List.of(1), List.of(2), List.of(3)), 1)
          .transform((rdd, time) -> {
            if (time.milliseconds() == 2000) {
              throw new IllegalStateException("no RDD for " + time);
            }
            return rdd;
          });
      BatchOutputs<Integer> out = BatchOutputs.capture(checked);
      t.start();
      t.runBatches(3);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      assertEquals(List.of(1000L, 3000L), out.times());
      assertEquals(List.of(List.of(1), List.of(3)), out.sortedBatches());
      String reason = listener.completedOutputOperations().get(1).failureReason().orElseThrow();
      assertTrue(reason.contains("no RDD for 2000 ms"), reason);
      assertEquals(StreamingContextState.ACTIVE, t.ssc().getState());
      out.release();
    }
  }

  // ---------------------------------------------------------------- inputs

  @Test
  void textFileStreamOfAMissingDirectoryFailsAtStartNamingIt() {
    String missing = tmp.resolve("not-there").toString();
    try (ManualStreaming t = new ManualStreaming("local[2]", BATCH)) {
      t.ssc().textFileStream(missing).print();
      assertFailsWith(t::start, missing);
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
    }
  }

  @Test
  void textFileOfAMissingPathFailsTheActionNamingThePath() {
    String missing = tmp.resolve("no-such-file.txt").toString();
    try (SluiceContext sc = new SluiceContext(ManualStreaming.conf("local[2]"))) {
      RDD<String> lines = sc.textFile(missing);
      assertFailsWith(lines::count, missing);
      assertFailsWith(() -> sc.textFile(tmp.resolve("nothing-*.txt").toString()).collect(), "nothing-*.txt");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "local[1]"})
  void receiverStreamNeedsMoreThanOneCore(String master) {
    try (ManualStreaming t = new ManualStreaming(master, BATCH)) {
      t.ssc().socketTextStream("127.0.0.1", 9).print();
      assertFailsWith(t::start, "receiver", "local[2]");
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
      assertEquals(Optional.empty(), StreamingContext.getActive());
    }
  }

  @Test
  void windowNotAMultipleOfTheBatchIntervalFailsWhenDefined() {
    try (ManualStreaming t = new ManualStreaming("local[2]", BATCH)) {
      DStream<Integer> s = t.queueOf(List.of(List.of(1)), 1);
      assertFailsWith(() -> s.window(Durations.milliseconds(1500)), "1500 ms", "1000 ms");
      assertFailsWith(() -> s.window(Durations.seconds(4), Durations.milliseconds(2500)), "2500 ms", "1000 ms");
      assertFailsWith(() -> s.window(Durations.seconds(0)), "0 ms", "1000 ms");
    }
  }

  @Test
  void socketStreamToAnUnknownHostKeepsRetryingWhileTheContextRuns() throws Exception {
    RecordingListener listener = new RecordingListener();
    String host = "no-such-host.invalid";
    try (ManualStreaming t = new ManualStreaming(ManualStreaming.conf("local[2]")
        .set("sluice.streaming.receiverRestartDelay.max", "100"), BATCH)) {
      t.ssc().addStreamingListener(listener);
      BatchOutputs<String> out = BatchOutputs.capture(t.ssc().socketTextStream(host, 9999));
      t.start();
      Eventually.await("three receiver errors", 10_000, () -> listener.receiverErrors().size() >= 3,
          () -> listener.kinds().toString());
      List<ReceiverInfo> errors = listener.receiverErrors();
      for (ReceiverInfo error : errors.subList(0, 3)) {
        assertTrue(error.lastError().contains(host), error.lastError());
      }
      assertEquals(StreamingContextState.ACTIVE, t.ssc().getState());
      assertFalse(listener.kinds().contains("receiverStopped"), "the receiver must retry, not give up");
      t.runBatches(1);
      assertEquals(List.of(List.of()), out.sortedBatches());
      out.release();
    }
  }
}
