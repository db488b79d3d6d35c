package io.sluice.internal.config;

import static io.sluice.internal.config.ConfigOptions.bool;
import static io.sluice.internal.config.ConfigOptions.durationMs;
import static io.sluice.internal.config.ConfigOptions.fraction;
import static io.sluice.internal.config.ConfigOptions.nonNegativeInt;
import static io.sluice.internal.config.ConfigOptions.nonNegativeLong;
import static io.sluice.internal.config.ConfigOptions.oneOf;
import static io.sluice.internal.config.ConfigOptions.port;
import static io.sluice.internal.config.ConfigOptions.positiveInt;
import static io.sluice.internal.config.ConfigOptions.sizeBytes;
import static io.sluice.internal.config.ConfigOptions.sizeMb;
import static io.sluice.internal.config.ConfigOptions.string;

import io.sluice.internal.wal.WalDurability;
import java.util.List;
import java.util.Set;

/**
 * Every configuration key Sluice reads, declared once. Keys with a {@code spark.*} twin in the
 * Spark Streaming guide have the same suffix and meaning. The README's key table mirrors this list.
 */
public final class SluiceOptions {
  private SluiceOptions() {}

  public static final ConfigOption<String> MASTER = string("sluice.master", "local[*]",
      "Where to run: local, local[N], local[*], local-cluster[executors,cores,memoryMB] or yarn.");
  public static final ConfigOption<String> APP_NAME = string("sluice.app.name", "sluice-app",
      "The application's name, shown in logs and on the cluster UI.");
  public static final ConfigOption<Integer> DEFAULT_PARALLELISM = positiveInt("sluice.default.parallelism", null,
      "Partitions of shuffles and parallelize() when not given; default: the number of cores.");
  public static final ConfigOption<Integer> TASK_MAX_FAILURES = positiveInt("sluice.task.maxFailures", 4,
      "Attempts of one task before its job fails with the task's last error.");
  public static final ConfigOption<String> SERIALIZER = oneOf("sluice.serializer", "kryo",
      "How data, tasks and closures are serialized: kryo or java.", Set.of("kryo", "java"));
  public static final ConfigOption<Boolean> KRYO_REGISTRATION_REQUIRED = bool("sluice.kryo.registrationRequired",
      false, "Fail when Kryo meets a class not registered through sluice.kryo.classesToRegister.");
  public static final ConfigOption<String> KRYO_CLASSES_TO_REGISTER = string("sluice.kryo.classesToRegister", "",
      "Comma-separated class names registered with Kryo (smaller output, needed with registrationRequired).");
  public static final ConfigOption<Double> STORAGE_MEMORY_FRACTION = fraction("sluice.storage.memoryFraction", 0.4,
      "Share of the heap the block store may fill before spilling or evicting blocks.");
  public static final ConfigOption<String> LOCAL_DIR = string("sluice.local.dir", System.getProperty("java.io.tmpdir"),
      "Directory for blocks spilled to disk and other scratch files.");

  public static final ConfigOption<Boolean> UI_ENABLED = bool("sluice.ui.enabled", true,
      "Serve the driver's web UI (the YARN tracking URL): batches, receivers, executors, and JSON under /api/v1.");
  public static final ConfigOption<Integer> UI_PORT = port("sluice.ui.port", 4040,
      "Port of the driver's web UI; when taken, the next ports are tried (see maxRetries); 0: any free port.");
  public static final ConfigOption<Integer> UI_PORT_MAX_RETRIES = nonNegativeInt("sluice.ui.port.maxRetries", 16,
      "How many ports above sluice.ui.port the web UI tries before failing.");
  public static final ConfigOption<Boolean> EVENT_LOG_ENABLED = bool("sluice.eventLog.enabled", false,
      "Write an event log (application, executors, batches, output operations, receivers) for the history server.");
  public static final ConfigOption<String> EVENT_LOG_DIR = string("sluice.eventLog.dir", "file:///tmp/sluice-events",
      "Directory (any Hadoop file system URI) holding one subdirectory of event log files per application run.");
  public static final ConfigOption<Long> EVENT_LOG_ROLLING_MAX_FILE_SIZE = sizeBytes(
      "sluice.eventLog.rolling.maxFileSize", 128L * 1024 * 1024,
      "Size at which the event log starts its next numbered file.");
  public static final ConfigOption<Long> EVENT_LOG_FLUSH_INTERVAL_MS = durationMs("sluice.eventLog.flushInterval",
      1000L, "How often a running application's event log is flushed, so the history server can read it.");
  public static final ConfigOption<Integer> HISTORY_UI_PORT = port("sluice.history.ui.port", 18080,
      "Port of the history server (bin/sluice-history-server); 0: any free port.");
  public static final ConfigOption<Boolean> HISTORY_CLEANER_ENABLED = bool("sluice.history.fs.cleaner.enabled", false,
      "Let the history server delete the event logs of applications that ended longer than sluice.history.fs.cleaner.maxAge ago.");
  public static final ConfigOption<Long> HISTORY_CLEANER_INTERVAL_MS = durationMs("sluice.history.fs.cleaner.interval",
      86_400_000L, "How often the history server looks for event logs to delete.");
  public static final ConfigOption<Long> HISTORY_CLEANER_MAX_AGE_MS = durationMs("sluice.history.fs.cleaner.maxAge",
      7 * 86_400_000L, "Event logs of ended applications last written longer ago than this are deleted by the cleaner.");
  public static final ConfigOption<Boolean> METRICS_ENABLED = bool("sluice.metrics.enabled", true,
      "Serve /metrics (Prometheus text format) on the driver's web UI: batches, delays, records, receivers, executors, blocks, WAL latency, JVM.");
  public static final ConfigOption<String> DRIVER_HOST = string("sluice.driver.host", null,
      "Host name the driver advertises in URLs (the web UI's); default: the local host name.");

  public static final ConfigOption<Long> BLOCK_INTERVAL_MS = durationMs("sluice.streaming.blockInterval", 200L,
      "How often a receiver's buffered records become a block (= one partition of the batch).");
  public static final ConfigOption<Long> RECEIVER_MAX_RATE = nonNegativeLong("sluice.streaming.receiver.maxRate", 0L,
      "Records per second each receiver may store; 0 means unlimited.");
  public static final ConfigOption<Boolean> BACKPRESSURE_ENABLED = bool("sluice.streaming.backpressure.enabled",
      false, "Adapt each receiver's rate (and the size of Kafka direct streams' batches) to how fast batches are processed.");
  public static final ConfigOption<Long> BACKPRESSURE_INITIAL_RATE = nonNegativeLong(
      "sluice.streaming.backpressure.initialRate", null,
      "With backpressure, the records/s each receiver may store until the first rate estimate; default: "
          + "10,000 per block interval (50,000/s at 200 ms); 0: no limit.");
  public static final ConfigOption<Double> BACKPRESSURE_TARGET_UTILIZATION = fraction(
      "sluice.streaming.backpressure.targetUtilization", 0.9,
      "With backpressure, the share of the batch interval that processing a batch should take: the rate "
          + "estimate aims at this share of the measured processing rate. Below 1, a stream at full speed keeps "
          + "headroom for slower batches; 1.0 aims at all of it, as Spark Streaming's controller does.");
  public static final ConfigOption<Boolean> WAL_ENABLED = bool("sluice.streaming.receiver.writeAheadLog.enable",
      false, "Write received blocks to a log under the checkpoint directory before they count as stored.");
  public static final ConfigOption<WalDurability> WAL_DURABILITY = new ConfigOption<>(
      "sluice.streaming.receiver.writeAheadLog.durability", WalDurability.HFLUSH,
      "When a write-ahead log write (received data and the driver's block log) counts as durable: hflush "
          + "(on every replica's DataNode: survives process and machine crashes) or hsync (also on their "
          + "disks: survives a power loss of the whole rack, slower).",
      "hflush or hsync", WalDurability::parse);
  public static final ConfigOption<Integer> CONCURRENT_JOBS = positiveInt("sluice.streaming.concurrentJobs", 1,
      "Output-operation jobs that may run at once; 1 keeps batches and output operations in order.");
  public static final ConfigOption<Boolean> STOP_GRACEFULLY_ON_SHUTDOWN = bool(
      "sluice.streaming.stopGracefullyOnShutdown", false,
      "On JVM shutdown (SIGTERM), stop the streaming context gracefully instead of at once.");
  public static final ConfigOption<Long> GRACEFUL_STOP_TIMEOUT_MS = durationMs("sluice.streaming.gracefulStopTimeout",
      null, "Longest wait for received data to be processed in a graceful stop; default 10 batch intervals.");
  public static final ConfigOption<Long> RECEIVER_RESTART_DELAY_MS = durationMs(
      "sluice.streaming.receiverRestartDelay", 2000L,
      "First wait before a receiver that asked for a restart is started again; doubles while it fails.");
  public static final ConfigOption<Long> RECEIVER_MAX_RESTART_DELAY_MS = durationMs(
      "sluice.streaming.receiverRestartDelay.max", 30_000L, "Longest wait between receiver restarts.");
  public static final ConfigOption<Integer> BLOCK_QUEUE_SIZE = positiveInt("sluice.streaming.blockQueueSize", 10,
      "Blocks a receiver may have waiting to be stored before store() blocks.");
  public static final ConfigOption<Long> FILE_STREAM_REMEMBER_MS = durationMs(
      "sluice.streaming.fileStream.minRememberDuration", 60_000L,
      "How long a file stream remembers files it has seen; older files are ignored.");
  public static final ConfigOption<String> STREAMING_CLOCK = string("sluice.streaming.clock",
      "io.sluice.internal.util.SystemClock", "Clock class driving batches (tests use ManualClock).");
  public static final ConfigOption<Integer> STREAMING_UI_RETAINED_BATCHES = positiveInt(
      "sluice.streaming.ui.retainedBatches", 1000, "Completed batches the web UI and its JSON API remember.");

  public static final ConfigOption<Integer> EXECUTOR_INSTANCES = positiveInt("sluice.executor.instances", 2,
      "Executors to run on YARN.");
  public static final ConfigOption<Integer> EXECUTOR_CORES = positiveInt("sluice.executor.cores", 1,
      "Task threads per executor.");
  public static final ConfigOption<Long> EXECUTOR_MEMORY_MB = sizeMb("sluice.executor.memory", 1024L,
      "Heap of each executor, e.g. 512m or 1g.");
  public static final ConfigOption<String> YARN_QUEUE = string("sluice.yarn.queue", "default",
      "YARN queue to submit to.");
  public static final ConfigOption<Integer> YARN_MAX_APP_ATTEMPTS = positiveInt("sluice.yarn.maxAppAttempts", 2,
      "ApplicationMaster attempts YARN makes before the application fails.");
  public static final ConfigOption<Long> YARN_ATTEMPT_VALIDITY_MS = durationMs(
      "sluice.yarn.am.attemptFailuresValidityInterval", null,
      "Only ApplicationMaster failures this recent count against sluice.yarn.maxAppAttempts; default: all count.");
  public static final ConfigOption<Long> DRIVER_MEMORY_MB = sizeMb("sluice.driver.memory", 1024L,
      "Heap of the driver; on YARN, of the ApplicationMaster that runs it.");
  public static final ConfigOption<Long> EXECUTOR_MEMORY_OVERHEAD_MB = sizeMb("sluice.executor.memoryOverhead", null,
      "Memory a YARN container gets beyond the heap (threads, buffers, metaspace); default max(384m, 10% of heap).");
  public static final ConfigOption<Long> DRIVER_MEMORY_OVERHEAD_MB = sizeMb("sluice.driver.memoryOverhead", null,
      "Memory the ApplicationMaster container gets beyond the driver's heap; default max(384m, 10% of heap).");
  public static final ConfigOption<String> DRIVER_EXTRA_JAVA_OPTIONS = string("sluice.driver.extraJavaOptions", "",
      "JVM options of the driver on YARN (GC flags, -Dkey=value), quoted as in a shell; not -Xmx (sluice.driver.memory).");
  public static final ConfigOption<String> EXECUTOR_EXTRA_JAVA_OPTIONS = string("sluice.executor.extraJavaOptions",
      "", "JVM options of every executor on YARN, quoted as in a shell; not -Xmx (sluice.executor.memory).");
  public static final ConfigOption<String> YARN_AM_NODE_LABEL = string("sluice.yarn.am.nodeLabelExpression", null,
      "YARN node label the ApplicationMaster's container must run on; default: the queue's default label.");
  public static final ConfigOption<String> YARN_EXECUTOR_NODE_LABEL = string(
      "sluice.yarn.executor.nodeLabelExpression", null,
      "YARN node label executor containers must run on; default: the queue's default label.");
  public static final ConfigOption<Long> YARN_EXECUTOR_NODE_EXCLUSION_MS = durationMs(
      "sluice.yarn.executor.nodeExclusionTimeout", 600_000L,
      "A node where an executor container could not be started, or whose executor ended or hung before it "
          + "registered, gets no executor containers for this long (0: never excluded); never every node.");
  public static final ConfigOption<Long> YARN_LOG_MAX_SIZE_MB = sizeMb("sluice.yarn.log.maxSize", 64L,
      "Size at which a container's log, stdout and stderr files roll over (to .1, .2, ...).");
  public static final ConfigOption<Integer> YARN_LOG_MAX_FILES = positiveInt("sluice.yarn.log.maxFiles", 5,
      "Files kept of each rolled container log, stdout and stderr, the current one included.");
  public static final ConfigOption<String> YARN_HISTORY_SERVER_ADDRESS = string("sluice.yarn.historyServer.address",
      null, "host:port of the history server; when set, the ResourceManager links to it after the application ends.");
  public static final ConfigOption<String> YARN_PRINCIPAL = string("sluice.yarn.principal", null,
      "Kerberos principal the application runs as on a secure cluster (sluice-submit --principal); with a keytab.");
  public static final ConfigOption<String> YARN_KEYTAB = string("sluice.yarn.keytab", null,
      "Keytab of sluice.yarn.principal (sluice-submit --keytab): the client logs in with it, and the ApplicationMaster "
          + "uses the uploaded copy to obtain fresh delegation tokens, so the application outlives their lifetime.");
  public static final ConfigOption<String> YARN_ACCESS_FILESYSTEMS = string("sluice.yarn.access.hadoopFileSystems",
      "", "Comma-separated file systems (hdfs://other-nn:8020) the application uses besides the default one; "
          + "on a secure cluster it gets delegation tokens for each.");
  public static final ConfigOption<Long> EXECUTOR_FAILURES_VALIDITY_MS = durationMs(
      "sluice.executor.failuresValidityInterval", 3_600_000L,
      "Only executor losses this recent count against sluice.executor.maxFailures, so old ones are forgiven.");
  public static final ConfigOption<Boolean> AUTHENTICATE = bool("sluice.authenticate", null,
      "Require the application's secret on every connection; default on for local-cluster and yarn.");

  public static final ConfigOption<Long> EXECUTOR_HEARTBEAT_INTERVAL_MS = durationMs(
      "sluice.executor.heartbeatInterval", 3000L, "How often executors tell the driver they are alive.");
  public static final ConfigOption<Long> NETWORK_TIMEOUT_MS = durationMs("sluice.network.timeout", 60_000L,
      "An executor silent this long is declared lost; also the timeout of requests between processes.");
  public static final ConfigOption<Long> EXECUTOR_REGISTRATION_TIMEOUT_MS = durationMs(
      "sluice.executor.registrationTimeout", 60_000L,
      "How long the driver waits at start for its executors to register before failing; on YARN also how long a "
          + "started executor container may take to register before it is released and replaced.");
  public static final ConfigOption<Long> EXECUTOR_DRIVER_LOSS_TIMEOUT_MS = durationMs(
      "sluice.executor.driverLossTimeout", 60_000L,
      "On YARN: how long an executor whose driver (ApplicationMaster) is gone keeps its blocks and waits for the "
          + "next attempt's driver before it exits (0: exits at once).");
  public static final ConfigOption<Integer> EXECUTOR_MAX_FAILURES = positiveInt("sluice.executor.maxFailures", null,
      "Executors that may be lost (and replaced) before the application fails; default max(3, 2 x executors).");
  public static final ConfigOption<Long> LOCALITY_WAIT_MS = durationMs("sluice.locality.wait", 3000L,
      "How long a task waits for a free core where its data is before it runs anywhere (0: never waits).");
  public static final ConfigOption<Long> TASK_MAX_DIRECT_RESULT_MB = sizeMb("sluice.task.maxDirectResultSize", 1L,
      "Task results larger than this go back to the driver through the executor's block store, not a message.");
  public static final ConfigOption<Long> RPC_MAX_FRAME_MB = sizeMb("sluice.rpc.maxFrameSize", 16L,
      "Largest message between processes; larger data (blocks, shuffle output, big results) is streamed.");
  public static final ConfigOption<Long> RPC_CHUNK_MB = sizeMb("sluice.rpc.chunkSize", 1L,
      "Size of the pieces in which blocks and shuffle output are streamed.");
  public static final ConfigOption<Long> RPC_AUTH_TIMEOUT_MS = durationMs("sluice.rpc.authTimeout", 10_000L,
      "How long a new connection may take to prove it knows the secret before it is closed.");
  public static final ConfigOption<Long> RPC_CONNECT_TIMEOUT_MS = durationMs("sluice.rpc.connectTimeout", 10_000L,
      "How long to wait for a TCP connection to the driver or another executor.");
  public static final ConfigOption<Integer> RPC_IO_THREADS = positiveInt("sluice.rpc.io.threads", null,
      "Network event-loop threads of each RPC server; default min(4, cores).");
  public static final ConfigOption<Integer> RPC_HANDLER_THREADS = positiveInt("sluice.rpc.handler.threads", 8,
      "Threads that handle incoming messages and serve blocks, per RPC endpoint.");

  public static final List<ConfigOption<?>> ALL = List.of(MASTER, APP_NAME, DEFAULT_PARALLELISM, TASK_MAX_FAILURES,
      SERIALIZER, KRYO_REGISTRATION_REQUIRED, KRYO_CLASSES_TO_REGISTER, STORAGE_MEMORY_FRACTION, LOCAL_DIR,
      UI_ENABLED, UI_PORT, UI_PORT_MAX_RETRIES, METRICS_ENABLED, EVENT_LOG_ENABLED, EVENT_LOG_DIR, EVENT_LOG_ROLLING_MAX_FILE_SIZE,
      EVENT_LOG_FLUSH_INTERVAL_MS, HISTORY_UI_PORT, HISTORY_CLEANER_ENABLED, HISTORY_CLEANER_INTERVAL_MS, HISTORY_CLEANER_MAX_AGE_MS, DRIVER_HOST, BLOCK_INTERVAL_MS, RECEIVER_MAX_RATE, BACKPRESSURE_ENABLED, BACKPRESSURE_INITIAL_RATE, BACKPRESSURE_TARGET_UTILIZATION, WAL_ENABLED, WAL_DURABILITY, CONCURRENT_JOBS,
      STOP_GRACEFULLY_ON_SHUTDOWN, GRACEFUL_STOP_TIMEOUT_MS, RECEIVER_RESTART_DELAY_MS, RECEIVER_MAX_RESTART_DELAY_MS,
      BLOCK_QUEUE_SIZE, FILE_STREAM_REMEMBER_MS, STREAMING_CLOCK, STREAMING_UI_RETAINED_BATCHES, EXECUTOR_INSTANCES,
      EXECUTOR_CORES, EXECUTOR_MEMORY_MB, YARN_QUEUE, YARN_MAX_APP_ATTEMPTS, YARN_ATTEMPT_VALIDITY_MS, DRIVER_MEMORY_MB,
      EXECUTOR_MEMORY_OVERHEAD_MB, DRIVER_MEMORY_OVERHEAD_MB, DRIVER_EXTRA_JAVA_OPTIONS, EXECUTOR_EXTRA_JAVA_OPTIONS,
      YARN_AM_NODE_LABEL, YARN_EXECUTOR_NODE_LABEL, YARN_EXECUTOR_NODE_EXCLUSION_MS, YARN_LOG_MAX_SIZE_MB, YARN_LOG_MAX_FILES, YARN_PRINCIPAL,
      YARN_HISTORY_SERVER_ADDRESS, YARN_KEYTAB, YARN_ACCESS_FILESYSTEMS,
      EXECUTOR_FAILURES_VALIDITY_MS, AUTHENTICATE,
      EXECUTOR_HEARTBEAT_INTERVAL_MS, NETWORK_TIMEOUT_MS, EXECUTOR_REGISTRATION_TIMEOUT_MS, EXECUTOR_MAX_FAILURES,
      EXECUTOR_DRIVER_LOSS_TIMEOUT_MS, LOCALITY_WAIT_MS, TASK_MAX_DIRECT_RESULT_MB, RPC_MAX_FRAME_MB, RPC_CHUNK_MB, RPC_AUTH_TIMEOUT_MS,
      RPC_CONNECT_TIMEOUT_MS, RPC_IO_THREADS, RPC_HANDLER_THREADS);
}
