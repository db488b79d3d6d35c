package io.sluice.internal.eventlog;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.scheduler.ExecutorListener;
import io.sluice.internal.ui.ApplicationInfo;
import io.sluice.internal.util.Clock;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's event log ({@code sluice.eventLog.enabled}): the application's start and end, its
 * executors, and every streaming listener event, as JSON lines for the history server. Events are
 * encoded on the caller's thread and written by {@link EventLogWriter} on its own.
 */
public final class EventLog implements ExecutorListener {
  private static final Logger log = LoggerFactory.getLogger(EventLog.class);

  private final EventLogWriter writer;
  private final Clock clock;

  private EventLog(EventLogWriter writer, Clock clock) {
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * Starts the log when {@code sluice.eventLog.enabled}; the run is named by {@code sluice.yarn.appId}
   * and {@code sluice.yarn.attemptId} on YARN, by "local-" and the start time elsewhere.
   *
   * @param clock stamps application and executor events (wall time)
   */
  public static Optional<EventLog> startIfEnabled(SluiceConf conf, Configuration hadoopConf, ApplicationInfo app,
                                                  Clock clock) {
    if (!SluiceOptions.EVENT_LOG_ENABLED.get(conf)) {
      return Optional.empty();
    }
    String appId = conf.getOption("sluice.yarn.appId").orElse("local-" + app.startTime());
    String attemptId = conf.getOption("sluice.yarn.attemptId").orElse(null);
    Path runDir = new Path(SluiceOptions.EVENT_LOG_DIR.get(conf), EventLogLayout.runDirectoryName(appId, attemptId));
    EventLogWriter writer;
    try {
      FileSystem fs = EventLogLayout.fileSystem(runDir, hadoopConf);
      writer = new EventLogWriter(fs, fs.makeQualified(runDir), SluiceOptions.EVENT_LOG_ROLLING_MAX_FILE_SIZE.get(conf),
          SluiceOptions.EVENT_LOG_FLUSH_INTERVAL_MS.get(conf));
    } catch (IOException e) {
      throw new SluiceException("Cannot open the event log directory " + runDir + ": " + e, e);
    }
    EventLog eventLog = new EventLog(writer, clock);
    writer.append(EventJson.applicationStart(app.startTime(), appId, attemptId, app.appName(), app.master(), user()));
    log.info("Writing the event log to {}", writer.runDirectory());
    return Optional.of(eventLog);
  }

  private static String user() {
    try {
      return UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      return System.getProperty("user.name");
    }
  }

  @Override
  public void executorAdded(String executorId, String hostPort, int cores) {
    writer.append(EventJson.executorAdded(clock.currentTimeMillis(), executorId, hostPort, cores));
  }

  @Override
  public void executorRemoved(String executorId, String reason) {
    writer.append(EventJson.executorRemoved(clock.currentTimeMillis(), executorId, reason));
  }

  /**
   * Logs that a StreamingContext starts, and returns the listener that logs its events, stamped by
   * {@code streamingClock} (the clock the streaming UI stamps receiver errors with).
   */
  public StreamingListener streamingListener(long batchIntervalMs, Map<Integer, String> receiverStreams,
                                             int retainedBatches, Clock streamingClock) {
    writer.append(EventJson.streamingContextStart(streamingClock.currentTimeMillis(), batchIntervalMs,
        receiverStreams, retainedBatches));
    return new Listener(streamingClock);
  }

  /** Logs the end, writes what is queued and marks the log complete. */
  public void stop() {
    writer.append(EventJson.applicationEnd(clock.currentTimeMillis()));
    writer.close();
  }

  /** On the listener bus: encodes and queues, never waits for the file system. */
  private final class Listener implements StreamingListener {
    private final Clock streamingClock;

    Listener(Clock streamingClock) {
      this.streamingClock = streamingClock;
    }

    private long now() {
      return streamingClock.currentTimeMillis();
    }

    @Override
    public void onStreamingStarted(long time) {
      writer.append(EventJson.streamingStarted(now(), time));
    }

    @Override
    public void onBatchSubmitted(BatchInfo b) {
      writer.append(EventJson.batch(EventJson.BATCH_SUBMITTED, now(), b));
    }

    @Override
    public void onBatchStarted(BatchInfo b) {
      writer.append(EventJson.batch(EventJson.BATCH_STARTED, now(), b));
    }

    @Override
    public void onBatchCompleted(BatchInfo b) {
      writer.append(EventJson.batch(EventJson.BATCH_COMPLETED, now(), b));
    }

    @Override
    public void onOutputOperationStarted(OutputOperationInfo o) {
      writer.append(EventJson.outputOperation(EventJson.OUTPUT_OPERATION_STARTED, now(), o));
    }

    @Override
    public void onOutputOperationCompleted(OutputOperationInfo o) {
      writer.append(EventJson.outputOperation(EventJson.OUTPUT_OPERATION_COMPLETED, now(), o));
    }

    @Override
    public void onReceiverStarted(ReceiverInfo r) {
      writer.append(EventJson.receiver(EventJson.RECEIVER_STARTED, now(), r));
    }

    @Override
    public void onReceiverError(ReceiverInfo r) {
      writer.append(EventJson.receiver(EventJson.RECEIVER_ERROR, now(), r));
    }

    @Override
    public void onReceiverStopped(ReceiverInfo r) {
      writer.append(EventJson.receiver(EventJson.RECEIVER_STOPPED, now(), r));
    }
  }
}
