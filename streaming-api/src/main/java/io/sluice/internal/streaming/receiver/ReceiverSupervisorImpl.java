package io.sluice.internal.streaming.receiver;

import io.sluice.core.SluiceConf;
import io.sluice.internal.access.Internals;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.util.Clock;
import io.sluice.streaming.receiver.Receiver;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one receiver on an executor: starts it, buffers and stores what it produces, restarts it
 * with backoff when it asks to, and reports to the driver's receiver tracker.
 *
 * <p>Threads: {@link #runUntilStopped} occupies the task thread for the receiver's whole life;
 * restarts run on a dedicated daemon thread (receivers ask for them from their own threads);
 * stop requests only flip the state, the task thread then winds the receiver down. onStart and
 * onStop calls are serialized by one lock, so a restart never overlaps a start or a stop. Restart
 * delays and block intervals are measured on the injected clock.
 */
public final class ReceiverSupervisorImpl implements ReceiverSupervisor {
  private static final Logger log = LoggerFactory.getLogger(ReceiverSupervisorImpl.class);

  private final Receiver<?> receiver;
  private final int streamId;
  private final String executorId;
  private final ReceiverTrackerEndpoint tracker;
  private final ReceivedBlockHandler blocks;
  private final ExecutorService restarter;
  private final Clock clock;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final Object stateLock = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final RestartBackoff backoff; // guarded by stateLock
  private ReceiverState state = ReceiverState.INITIALIZED; // guarded by stateLock
  private String stopMessage; // guarded by stateLock
  private Throwable stopError; // guarded by stateLock
  private boolean receiverRunning; // onStart called, onStop not yet; guarded by lifecycle
  private Thread delayingRestart; // the restarter while it waits out a delay; guarded by stateLock

  /** @param clock the system clock in production, a manual one in tests */
  public ReceiverSupervisorImpl(Receiver<?> receiver, int streamId, ExecutorEnv env, Clock clock) {
    this(receiver, streamId, env, new LocalBlockStorer(env.blockManager(), env.blockTransfer()), clock);
  }

  /** With a custom way to store blocks (replication, write-ahead log). */
  public ReceiverSupervisorImpl(Receiver<?> receiver, int streamId, ExecutorEnv env, BlockStorer storer,
                                Clock clock) {
    SluiceConf conf = env.conf();
    this.clock = clock;
    this.receiver = receiver;
    this.streamId = streamId;
    this.executorId = env.executorId();
    this.tracker = env.driver().get(ReceiverTrackerEndpoint.class);
    this.backoff = new RestartBackoff(SluiceOptions.RECEIVER_RESTART_DELAY_MS.get(conf),
        SluiceOptions.RECEIVER_MAX_RESTART_DELAY_MS.get(conf));
    this.blocks = new ReceivedBlockHandler(streamId, executorId, receiver.storageLevel(), conf, clock, storer,
        tracker, this::reportError);
    this.restarter = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sluice-receiver-" + streamId + "-restarter");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Runs the receiver on the calling (task) thread until it is stopped for good, then stores what
   * it buffered and tells the driver. Returns at once if the driver refuses the registration.
   */
  public void runUntilStopped() {
    ReceiverControl control = new ReceiverControl() {
      @Override
      public void stop(String reason) {
        stopReceiver("Stopped by driver: " + reason, null);
      }

      @Override
      public void updateRate(long recordsPerSecond) {
        blocks.updateRate(recordsPerSecond);
      }
    };
    if (!tracker.registerReceiver(streamId, receiverName(), executorId, control)) {
      log.warn("Receiver {} for stream {} not started: the driver is stopping", receiverName(), streamId);
      synchronized (stateLock) {
        state = ReceiverState.STOPPED;
      }
      blocks.flushAndStop();
      restarter.shutdown();
      return;
    }
    Internals.receiver().setStreamId(receiver, streamId);
    Internals.receiver().attachSupervisor(receiver, this);
    blocks.start();
    boolean interrupted = false;
    try {
      startReceiver();
      interrupted = awaitStop();
    } finally {
      finish();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void pushSingle(Object record) {
    blocks.addRecord(record);
  }

  @Override
  public void pushLines(byte[] bytes, int from, int to) {
    blocks.addLines(bytes, from, to);
  }

  @Override
  public void pushIterator(Iterator<?> records) {
    blocks.storeRecords(records);
  }

  @Override
  public void restartReceiver(String message, Throwable error) {
    long delay;
    synchronized (stateLock) {
      if (!state.canMoveTo(ReceiverState.RESTARTING)) {
        // Already restarting (or stopped): one restart at a time, and a stop wins over a restart.
        log.debug("Ignoring restart of receiver for stream {} ({}): it is {}", streamId, message, state);
        return;
      }
      state = ReceiverState.RESTARTING;
      delay = backoff.next(blocks.storedSinceReset());
    }
    log.warn("Restarting receiver for stream {} in {} ms: {}", streamId, delay, message, error);
    try {
      restarter.execute(() -> restart(message, error, delay));
    } catch (RejectedExecutionException e) {
      log.debug("Receiver for stream {} is shutting down; restart dropped", streamId);
    }
  }

  @Override
  public void stopReceiver(String message, Throwable error) {
    synchronized (stateLock) {
      if (state == ReceiverState.STOPPED) {
        return;
      }
      state = ReceiverState.STOPPED;
      stopMessage = message;
      stopError = error;
      if (delayingRestart != null) {
        // Cuts a pending restart delay short. Only ever interrupts the wait on the clock: the
        // restarter clears this field under stateLock before it calls onStart.
        delayingRestart.interrupt();
      }
    }
    if (error == null) {
      log.info("Stopping receiver for stream {}: {}", streamId, message);
    } else {
      log.error("Stopping receiver for stream {}: {}", streamId, message, error);
    }
    stopped.countDown();
  }

  @Override
  public void reportError(String message, Throwable error) {
    log.warn("Receiver for stream {} reported an error: {}", streamId, message, error);
    sendError(message, error);
  }

  @Override
  public boolean isReceiverStarted() {
    synchronized (stateLock) {
      return state == ReceiverState.STARTED;
    }
  }

  /**
   * True once stopped for good, and also between a restart request and the next onStart: receiver
   * threads looping on {@code !isStopped()} must wind down for a restart (as in Spark).
   */
  @Override
  public boolean isReceiverStopped() {
    synchronized (stateLock) {
      return state == ReceiverState.STOPPED || state == ReceiverState.RESTARTING;
    }
  }

  /** The delay chosen for the latest restart, -1 before any (for tests and diagnostics). */
  long lastRestartDelayMs() {
    synchronized (stateLock) {
      return backoff.current();
    }
  }

  private void startReceiver() {
    lifecycle.lock();
    try {
      synchronized (stateLock) {
        if (!state.canMoveTo(ReceiverState.STARTED)) {
          return; // stopped meanwhile
        }
        // STARTED before onStart, so threads onStart spawns do not see isStopped() and quit.
        state = ReceiverState.STARTED;
      }
      blocks.resetStored();
      receiverRunning = true;
      log.info("Starting receiver {} for stream {} on executor {}", receiverName(), streamId, executorId);
      receiver.onStart();
    } catch (Exception e) {
      restartReceiver("Error starting receiver " + streamId, e);
    } catch (Error e) {
      stopReceiver("Fatal error starting receiver " + streamId, e);
    } finally {
      lifecycle.unlock();
    }
  }

  private void restart(String message, Throwable error, long delayMs) {
    if (isStoppedForGood()) {
      return;
    }
    sendError(message, error); // restartReceiver logged it already
    lifecycle.lock();
    try {
      callOnStop();
    } finally {
      lifecycle.unlock();
    }
    if (awaitRestartDelay(delayMs)) {
      startReceiver();
    }
  }

  private void sendError(String message, Throwable error) {
    try {
      tracker.reportError(streamId, message, describe(error));
    } catch (RuntimeException e) {
      log.warn("Could not report an error of the receiver for stream {} to the driver", streamId, e);
    }
  }

  /** Waits out the restart delay; false when the receiver was stopped meanwhile. */
  private boolean awaitRestartDelay(long delayMs) {
    long deadline;
    synchronized (stateLock) {
      if (state == ReceiverState.STOPPED) {
        return false;
      }
      deadline = clock.currentTimeMillis() + delayMs;
      delayingRestart = Thread.currentThread();
    }
    boolean interrupted = false;
    try {
      clock.waitTillTime(deadline);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    synchronized (stateLock) {
      delayingRestart = null;
      // Clears an interrupt a stop sent just after the wait ended: it was meant for the wait only.
      boolean wasInterrupted = Thread.interrupted() || interrupted;
      if (state == ReceiverState.STOPPED) {
        return false;
      }
      if (wasInterrupted) {
        // Not from a stop: someone is shutting this thread down. Keep the interrupt, do not start.
        Thread.currentThread().interrupt();
        return false;
      }
      return true;
    }
  }

  /** Blocks until stopped; returns whether the task thread was interrupted (which also stops). */
  private boolean awaitStop() {
    try {
      stopped.await();
      return false;
    } catch (InterruptedException e) {
      stopReceiver("Receiver task for stream " + streamId + " was interrupted", null);
      return true;
    }
  }

  /** Winds down on the task thread: onStop, flush buffered records, tell the driver. */
  private void finish() {
    lifecycle.lock();
    try {
      callOnStop();
    } finally {
      lifecycle.unlock();
    }
    // After onStop, so records stored while the receiver's threads wind down still make a block.
    try {
      blocks.flushAndStop();
    } finally {
      restarter.shutdown();
      String message;
      Throwable error;
      synchronized (stateLock) {
        message = stopMessage;
        error = stopError;
      }
      log.info("Receiver for stream {} stopped: {}", streamId, message);
      tracker.deregisterReceiver(streamId, message, describe(error));
    }
  }

  private void callOnStop() {
    if (!receiverRunning) {
      return;
    }
    receiverRunning = false;
    try {
      receiver.onStop();
    } catch (RuntimeException e) {
      log.warn("onStop of receiver for stream {} failed", streamId, e);
    }
  }

  private boolean isStoppedForGood() {
    synchronized (stateLock) {
      return state == ReceiverState.STOPPED;
    }
  }

  private String receiverName() {
    String simple = receiver.getClass().getSimpleName();
    return simple.isEmpty() ? receiver.getClass().getName() : simple;
  }

  /** A printable description of an error and its causes, for the driver and its listeners. */
  static String describe(Throwable error) {
    if (error == null) {
      return null;
    }
    StringBuilder text = new StringBuilder(error.toString());
    Throwable cause = error.getCause();
    for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    return text.toString();
  }
}
