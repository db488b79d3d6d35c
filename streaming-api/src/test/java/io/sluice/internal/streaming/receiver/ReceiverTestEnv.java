package io.sluice.internal.streaming.receiver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.SluiceConf;
import io.sluice.internal.executor.DriverEndpoints;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.serializer.Serializers;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.util.Clock;
import io.sluice.internal.util.Iterators;
import io.sluice.internal.util.SystemClock;
import io.sluice.streaming.receiver.Receiver;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** An executor environment with a real block manager and a recording tracker, for receiver tests. */
final class ReceiverTestEnv implements AutoCloseable {
  final SluiceConf conf;
  final RecordingTracker tracker = new RecordingTracker();
  final BlockManager blockManager;
  final ExecutorEnv env;
  final Clock clock;
  private final List<Thread> taskThreads = new ArrayList<>();

  /** On the system clock: for receivers whose timing comes from real sockets. */
  ReceiverTestEnv(SluiceConf conf, File localDir) {
    this(conf, localDir, new SystemClock());
  }

  /** With the clock the supervisors measure restart delays and block intervals on. */
  ReceiverTestEnv(SluiceConf conf, File localDir, Clock clock) {
    this.conf = conf;
    this.clock = clock;
    Serializer serializer = Serializers.forData(conf);
    this.blockManager = new BlockManager("exec-1", serializer, 64L << 20, localDir);
    DriverEndpoints endpoints = new DriverEndpoints();
    endpoints.register(ReceiverTrackerEndpoint.class, tracker);
    this.env = new ExecutorEnv("exec-1", conf, serializer, serializer, blockManager,
        io.sluice.internal.storage.BlockTransfer.local(blockManager), endpoints);
  }

  /** Short restart delays so tests do not wait. */
  static SluiceConf fastConf() {
    return new SluiceConf(false)
        .set("sluice.ui.enabled", "false")
        .set("sluice.streaming.receiverRestartDelay", "50")
        .set("sluice.streaming.receiverRestartDelay.max", "200")
        .set("sluice.streaming.blockInterval", "20");
  }

  /** Runs the receiver's supervisor on a new "task" thread, as an executor would. */
  ReceiverSupervisorImpl run(Receiver<?> receiver) {
    ReceiverSupervisorImpl supervisor = new ReceiverSupervisorImpl(receiver, 0, env, clock);
    Thread task = new Thread(supervisor::runUntilStopped, "test-receiver-task");
    task.setDaemon(true);
    taskThreads.add(task);
    task.start();
    return supervisor;
  }

  Thread taskThread() {
    return taskThreads.get(taskThreads.size() - 1);
  }

  /** Waits for the task thread to return from runUntilStopped. */
  void awaitTaskEnd() throws InterruptedException {
    Thread task = taskThread();
    task.join(10_000);
    assertFalse(task.isAlive(), "runUntilStopped did not return");
  }

  /** Every stored record, block after block in the order the blocks were reported. */
  List<Object> storedRecords() {
    List<Object> records = new ArrayList<>();
    for (ReceivedBlockInfo block : tracker.blocks) {
      records.addAll(Iterators.toList(blockManager.getValues(block.blockId()).orElseThrow()));
    }
    return records;
  }

  static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(10), condition);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("Interrupted waiting for " + what);
      }
    }
  }

  /** Stops receivers a failed test left running, so their threads do not leak into other tests. */
  @Override
  public void close() {
    try {
      for (Thread task : taskThreads) {
        if (task.isAlive() && !tracker.registrations.isEmpty()) {
          tracker.control().stop("test cleanup");
          task.join(5_000);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      blockManager.close();
    }
  }
}
