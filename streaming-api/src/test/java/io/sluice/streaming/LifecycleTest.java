package io.sluice.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.testing.BatchOutputs;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import io.sluice.testing.Sink;
import io.sluice.testing.StdoutCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The guide's "points to remember" about a StreamingContext's life, and the listener's view of it. */
class LifecycleTest {
  private static final Duration BATCH = Durations.seconds(1);
  private static volatile CountDownLatch jobEntered;
  private static volatile CountDownLatch jobGate;
  private static final AtomicInteger BUFFERED = new AtomicInteger();
  private static final AtomicReference<Throwable> STOP_ERROR = new AtomicReference<>();

  private static ManualStreaming local2() {
    return new ManualStreaming("local[2]", BATCH);
  }

  /** A queue stream of the given batches with a counting output, so the context can start. */
  private static DStream<Integer> withOutput(ManualStreaming t, List<List<Integer>> batches) {
    DStream<Integer> s = t.queueOf(batches, 2);
    s.foreachRDD(rdd -> rdd.count());
    return s;
  }

  private static SluiceException assertFailsWith(String expectedInMessage, Executable action) {
    SluiceException e = assertThrows(SluiceException.class, action);
    assertTrue(e.getMessage().contains(expectedInMessage), "expected '" + expectedInMessage + "' in: "
        + e.getMessage());
    return e;
  }

  // ---------------------------------------------------------------- states and definitions

  @Test
  void statesGoFromInitializedToActiveToStopped() {
    try (ManualStreaming t = local2()) {
      StreamingContext ssc = t.ssc();
      assertEquals(StreamingContextState.INITIALIZED, ssc.getState());
      withOutput(t, List.of(List.of(1)));
      assertEquals(StreamingContextState.INITIALIZED, ssc.getState());
      ssc.start();
      assertEquals(StreamingContextState.ACTIVE, ssc.getState());
      ssc.stop(false);
      assertEquals(StreamingContextState.STOPPED, ssc.getState());
    }
  }

  @Test
  void noStreamOrOutputCanBeDefinedAfterStart() {
    try (ManualStreaming t = local2()) {
      DStream<Integer> s = withOutput(t, List.of(List.of(1)));
      t.start();
      assertFailsWith("started", () -> t.ssc().queueStream(new ConcurrentLinkedQueue<>()));
      assertFailsWith("started", () -> s.map(x -> x + 1));
      assertFailsWith("started", s::print);
      assertFailsWith("started", () -> s.foreachRDD(rdd -> rdd.count()));
      assertFailsWith("started", () -> s.saveAsTextFiles("/tmp/never-written"));
      // The running context is unaffected.
      assertEquals(StreamingContextState.ACTIVE, t.ssc().getState());
      t.runBatches(1);
    }
  }

  @Test
  void noStreamCanBeDefinedAfterStop() {
    try (ManualStreaming t = local2()) {
      DStream<Integer> s = withOutput(t, List.of(List.of(1)));
      t.start();
      t.ssc().stop(false);
      assertFailsWith("stopped", () -> t.ssc().queueStream(new ConcurrentLinkedQueue<>()));
      assertFailsWith("stopped", () -> s.filter(x -> true));
    }
  }

  @Test
  void startTwiceFails() {
    try (ManualStreaming t = local2()) {
      withOutput(t, List.of(List.of(1)));
      t.start();
      assertFailsWith("already been started", t::start);
      assertEquals(StreamingContextState.ACTIVE, t.ssc().getState());
      t.runBatches(1);
    }
  }

  @Test
  void startAfterStopFails() {
    try (ManualStreaming t = local2()) {
      withOutput(t, List.of(List.of(1)));
      t.start();
      t.ssc().stop(false);
      assertFailsWith("cannot be restarted", t::start);
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
    }
  }

  @Test
  void stopBeforeStartMakesTheContextStopped() {
    try (ManualStreaming t = local2()) {
      withOutput(t, List.of(List.of(1)));
      t.ssc().stop(false);
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
      assertFailsWith("cannot be restarted", t::start);
      assertFalse(t.ssc().sluiceContext().isStopped());
    }
  }

  @Test
  void startWithoutOutputOperationFailsSayingSo() {
    try (ManualStreaming t = local2()) {
      t.queueOf(List.of(List.of(1)), 1).map(x -> x * 2);
      assertFailsWith("No output operations registered", t::start);
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
      assertEquals(Optional.empty(), StreamingContext.getActive());
    }
  }

  // ---------------------------------------------------------------- one active context per JVM

  @Test
  void onlyOneStreamingContextCanBeActive() {
    try (ManualStreaming first = local2()) {
      withOutput(first, List.of(List.of(1)));
      first.start();
      try (ManualStreaming second = new ManualStreaming(first.ssc().sluiceContext(), BATCH)) {
        BatchOutputs<Integer> out = BatchOutputs.capture(second.queueOf(List.of(List.of(7, 8)), 2));
        assertFailsWith("Only one StreamingContext", second::start);
        assertEquals(StreamingContextState.ACTIVE, first.ssc().getState());
        assertSame(first.ssc(), StreamingContext.getActive().orElseThrow());
        // Not started, so it may start once the first one has stopped (without its SluiceContext).
        assertEquals(StreamingContextState.INITIALIZED, second.ssc().getState());
        first.ssc().stop(false);
        second.start();
        second.runBatches(1);
        assertEquals(List.of(List.of(7, 8)), out.sortedBatches());
        out.release();
      }
    }
  }

  @Test
  void getActiveReturnsTheStartedContextOnly() {
    assertEquals(Optional.empty(), StreamingContext.getActive());
    try (ManualStreaming t = local2()) {
      withOutput(t, List.of(List.of(1)));
      assertEquals(Optional.empty(), StreamingContext.getActive());
      t.start();
      assertSame(t.ssc(), StreamingContext.getActive().orElseThrow());
      t.ssc().stop(false);
      assertEquals(Optional.empty(), StreamingContext.getActive());
    }
    assertEquals(Optional.empty(), StreamingContext.getActive());
  }

  // ---------------------------------------------------------------- stopping and the SluiceContext

  @Test
  void stopWithoutSluiceContextLeavesItUsableForANewStreamingContext() {
    try (ManualStreaming first = local2()) {
      SluiceContext sc = first.ssc().sluiceContext();
      BatchOutputs<Integer> firstOut = BatchOutputs.capture(first.queueOf(List.of(List.of(1, 2)), 2));
      first.start();
      first.runBatches(1);
      first.ssc().stop(false);
      assertFalse(sc.isStopped());
      assertEquals(3, sc.parallelize(List.of(1, 2, 3), 2).count());

      try (ManualStreaming second = new ManualStreaming(sc, BATCH)) {
        BatchOutputs<Integer> secondOut = BatchOutputs.capture(second.queueOf(List.of(List.of(5), List.of()), 2)
            .map(x -> x * 100));
        second.start();
        second.runBatches(2);
        assertEquals(List.of(List.of(500), List.of()), secondOut.sortedBatches());
        secondOut.release();
      }
      assertEquals(List.of(List.of(1, 2)), firstOut.sortedBatches());
      firstOut.release();
    }
  }

  @Test
  void stopAlsoStopsTheSluiceContext() {
    try (ManualStreaming t = local2()) {
      withOutput(t, List.of(List.of(1)));
      SluiceContext sc = t.ssc().sluiceContext();
      t.start();
      t.runBatches(1);
      t.ssc().stop();
      assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
      assertTrue(sc.isStopped());
      assertFailsWith("stopped", () -> sc.parallelize(List.of(1)).count());
      assertEquals(Optional.empty(), SluiceContext.active());
    }
  }

  @Test
  void awaitTerminationOrTimeoutIsFalseWhileRunningAndTrueAfterStop() throws Exception {
    try (ManualStreaming t = local2()) {
      withOutput(t, List.of(List.of(1)));
      t.start();
      assertFalse(t.ssc().awaitTerminationOrTimeout(20));
      AtomicReference<Throwable> waiterError = new AtomicReference<>();
      CountDownLatch returned = new CountDownLatch(1);
      Thread waiter = new Thread(() -> {
        try {
          t.ssc().awaitTermination();
          returned.countDown();
        } catch (Throwable e) {
          waiterError.set(e);
        }
      }, "await-termination");
      waiter.start();
      assertFalse(returned.await(20, TimeUnit.MILLISECONDS), "awaitTermination returned while running");
      t.ssc().stop(false);
      assertTrue(returned.await(10, TimeUnit.SECONDS), "awaitTermination did not return after stop");
      assertNull(waiterError.get());
      assertTrue(t.ssc().awaitTerminationOrTimeout(1));
    }
  }

  @Test
  void gracefulStopFinishesTheRunningBatchAndTheLastGeneratedOne() throws Exception {
    jobEntered = new CountDownLatch(1);
    jobGate = new CountDownLatch(1);
    Sink<String> done = Sink.create();
    try (ManualStreaming t = local2()) {
      List<List<Integer>> input = IntStream.rangeClosed(1, 6).mapToObj(List::of).toList();
      t.queueOf(input, 1).foreachRDD((rdd, time) -> {
        if (time.milliseconds() == 2000) {
          jobEntered.countDown();
          // Held until the test has asked for the graceful stop; a non-graceful stop would interrupt it.
          jobGate.await(10, TimeUnit.SECONDS);
        }
        done.add(time.milliseconds() + "=" + rdd.collect());
      });
      t.start();
      t.runBatches(1);
      t.clock().advance(BATCH.milliseconds());
      assertTrue(jobEntered.await(10, TimeUnit.SECONDS), "the batch of 2000 ms did not start");

      Thread stopper = startGracefulStop(t);
      stopper.join(100);
      assertTrue(stopper.isAlive(), "a graceful stop must wait for the running batch");
      jobGate.countDown();
      // The timer lets its pending tick fire before it stops: drive the manual clock until stop returns.
      driveClockUntilStopped(t, stopper);

      long lastGenerated = t.ssc().runtime().orElseThrow().jobGenerator().lastGeneratedBatch();
      assertTrue(lastGenerated >= 3000, "the pending tick should have made one more batch: " + lastGenerated);
      List<String> expected = new ArrayList<>();
      for (long time = 1000; time <= lastGenerated; time += 1000) {
        expected.add(time + "=[" + time / 1000 + "]");
      }
      assertEquals(expected, done.values(), "every generated batch completes, none is cut short");
      assertTrue(t.ssc().sluiceContext().isStopped());
    } finally {
      jobGate.countDown();
      done.release();
    }
  }

  /** Stores {@code records} records one by one (buffered until the next block interval), then idles. */
  static final class BufferingReceiver extends Receiver<String> {
    private static final long serialVersionUID = 1L;
    private final int records;

    BufferingReceiver(int records) {
      super(StorageLevel.MEMORY_ONLY);
      this.records = records;
    }

    @Override
    public void onStart() {
      Thread t = new Thread(() -> {
        for (int i = 0; i < records; i++) {
          store("b" + i);
          BUFFERED.incrementAndGet();
        }
      }, "buffering-receiver");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void onStop() {
    }
  }

  @Test
  void gracefulStopProcessesDataTheReceiverHasBuffered() throws Exception {
    BUFFERED.set(0);
    Sink<String> processed = Sink.create();
    // A block interval far longer than the test: the records stay buffered in the receiver until it stops.
    try (ManualStreaming t = new ManualStreaming(ManualStreaming.conf("local[2]")
        .set("sluice.streaming.blockInterval", "600000"), BATCH)) {
      t.ssc().receiverStream(new BufferingReceiver(7)).foreachRDD(rdd -> rdd.foreach(processed::add));
      t.start();
      Eventually.await("the receiver storing its records", 10_000, () -> BUFFERED.get() == 7);
      t.runBatches(1);
      assertEquals(0, processed.size(), "nothing was in a block yet");

      driveClockUntilStopped(t, startGracefulStop(t));
      assertEquals(List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6"), processed.sortedValues());
    } finally {
      processed.release();
    }
  }

  /** Calls stop(true, true) on a new thread; it returns only as the manual clock moves on. */
  private static Thread startGracefulStop(ManualStreaming t) {
    STOP_ERROR.set(null);
    Thread stopper = new Thread(() -> {
      try {
        t.ssc().stop(true, true);
      } catch (Throwable e) {
        STOP_ERROR.set(e);
      }
    }, "graceful-stopper");
    stopper.start();
    return stopper;
  }

  /** Advances the manual clock batch by batch until {@code stopper} has returned from the graceful stop. */
  private static void driveClockUntilStopped(ManualStreaming t, Thread stopper) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (stopper.isAlive() && System.currentTimeMillis() < deadline) {
      t.clock().advance(BATCH.milliseconds());
      stopper.join(20);
    }
    assertFalse(stopper.isAlive(), "graceful stop did not return");
    assertNull(STOP_ERROR.get());
    assertEquals(StreamingContextState.STOPPED, t.ssc().getState());
  }

  @Test
  void aSecondSluiceContextCannotBeCreatedWhileOneIsActive() {
    try (ManualStreaming first = local2()) {
      assertFailsWith("Only one SluiceContext", () -> new StreamingContext(ManualStreaming.conf("local[2]"), BATCH));
      assertFalse(first.ssc().sluiceContext().isStopped());
      withOutput(first, List.of(List.of(1)));
      first.start();
      first.runBatches(1);
    }
  }

  @Test
  void awaitTerminationThrowsTheErrorOfAFailedJob() {
    try (ManualStreaming t = local2()) {
      t.queueOf(List.of(List.of(1)), 1).foreachRDD(rdd -> {
        throw new IllegalStateException("output failed");
      });
      t.start();
      t.runBatches(1);
      Exception e = assertThrows(Exception.class, () -> t.ssc().awaitTerminationOrTimeout(5_000));
      assertTrue(causeChainContains(e, "output failed"), e.toString());
    }
  }

  private static boolean causeChainContains(Throwable e, String text) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (String.valueOf(c.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- listener events

  /** Stores a fixed number of records as one block as soon as it starts, then idles. */
  static final class FixedBlockReceiver extends Receiver<String> {
    private static final long serialVersionUID = 1L;
    private final int records;

    FixedBlockReceiver(int records) {
      super(StorageLevel.MEMORY_ONLY);
      this.records = records;
    }

    @Override
    public void onStart() {
      Thread t = new Thread(() -> store(IntStream.range(0, records).mapToObj(i -> "r" + i).toList()),
          "fixed-block-receiver");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void onStop() {
    }
  }

  @SuppressWarnings("try") // the capture only needs to be open, and closed at the end
  @Test
  void listenerSeesEveryBatchAndOutputOperationInOrder() throws Exception {
    RecordingListener listener = new RecordingListener();
    Sink<Long> counts = Sink.create();
    try (StdoutCapture ignored = StdoutCapture.start(); ManualStreaming t = local2()) {
      t.ssc().addStreamingListener(listener);
      DStream<String> received = t.ssc().receiverStream(new FixedBlockReceiver(5));
      received.foreachRDD(rdd -> counts.add(rdd.count()));
      received.print();
      t.start();
      Eventually.await("the receiver's block", 10_000, () -> t.ssc().receiverTracker().hasUnallocatedBlocks());
      t.runBatches(2);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      assertEquals(List.of(5L, 0L), counts.values());

      List<String> kinds = listener.kinds().stream().filter(k -> !k.startsWith("receiver")).toList();
      List<String> perBatch = List.of("batchSubmitted", "batchStarted", "outputOperationStarted",
          "outputOperationCompleted", "outputOperationStarted", "outputOperationCompleted", "batchCompleted");
      List<String> expectedKinds = new ArrayList<>(List.of("streamingStarted"));
      expectedKinds.addAll(perBatch);
      expectedKinds.addAll(perBatch);
      assertEquals(expectedKinds, kinds);

      List<BatchInfo> submitted = listener.infos("batchSubmitted");
      List<BatchInfo> completed = listener.completedBatches();
      assertEquals(List.of(new Time(1000), new Time(2000)), completed.stream().map(BatchInfo::batchTime).toList());
      assertEquals(List.of(5L, 0L), completed.stream().map(BatchInfo::numRecords).toList());
      assertEquals(List.of(5L, 0L), submitted.stream().map(BatchInfo::numRecords).toList());
      for (BatchInfo b : submitted) {
        assertEquals(Optional.empty(), b.processingStartTime());
        assertEquals(Optional.empty(), b.totalDelay());
      }
      for (BatchInfo b : completed) {
        assertTrue(b.processingStartTime().isPresent() && b.processingEndTime().isPresent(), b.toString());
        long scheduling = b.schedulingDelay().orElseThrow();
        long processing = b.processingDelay().orElseThrow();
        assertTrue(scheduling >= 0 && processing >= 0, b.toString());
        assertEquals(scheduling + processing, b.totalDelay().orElseThrow(), b.toString());
      }

      List<OutputOperationInfo> ops = listener.completedOutputOperations();
      assertEquals(List.of(0, 1, 0, 1), ops.stream().map(OutputOperationInfo::id).toList());
      assertEquals(List.of(1000L, 1000L, 2000L, 2000L), ops.stream().map(o -> o.batchTime().milliseconds()).toList());
      assertTrue(ops.get(0).name().contains("foreachRDD"), ops.get(0).name());
      assertTrue(ops.get(1).name().contains("print"), ops.get(1).name());
      for (OutputOperationInfo o : ops) {
        assertEquals(Optional.empty(), o.failureReason(), o.toString());
        assertTrue(o.startTime().isPresent() && o.endTime().isPresent(), o.toString());
        assertTrue(o.endTime().get() >= o.startTime().get(), o.toString());
      }
      List<OutputOperationInfo> started = listener.infos("outputOperationStarted");
      assertEquals(List.of(0, 1, 0, 1), started.stream().map(OutputOperationInfo::id).toList());
      assertTrue(started.stream().allMatch(o -> o.endTime().isEmpty()), started.toString());

      List<ReceiverInfo> receiverStarted = listener.infos("receiverStarted");
      assertEquals(1, receiverStarted.size());
      assertTrue(receiverStarted.get(0).active());
      t.ssc().stop(false);
      assertTrue(listener.kinds().contains("receiverStopped"), listener.kinds().toString());
    } finally {
      counts.release();
    }
  }
}
