package io.sluice.internal.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.sluice.core.SluiceContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.scheduler.ClusterBackend;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.storage.BlockReporter;
import io.sluice.internal.ui.DriverUi;
import io.sluice.internal.wal.WalWriteTimer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The metrics of one SluiceContext, served as /metrics by its {@link DriverUi} in the Prometheus
 * text format: executors, blocks and write-ahead log latency in a registry of this context's own
 * (tests run many contexts in one JVM, so nothing per context goes in a static registry), plus the
 * attached streaming context's {@link StreamingMetrics} and the JVM's metrics.
 *
 * <p>Thread-safe: gauges are read on the UI's threads when scraped, the histogram is fed by
 * whichever thread wrote to a log.
 */
public final class DriverMetrics {
  /** The content type of {@link #scrape()}: the Prometheus text format, version 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
  /** The {@code log} label of the driver's received-block log. */
  public static final String BLOCK_METADATA_LOG = "received_block_metadata";
  /** The {@code log} label of the receivers' data logs. */
  public static final String RECEIVED_DATA_LOG = "received_data";

  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram walWrites;
  private volatile StreamingMetrics streaming;

  /** @param driverStore the driver's block store (in {@code local[N]}, the only one) */
  public DriverMetrics(ClusterBackend backend, BlockManager driverStore) {
    GaugeWithCallback.builder().name("sluice_executors")
        .help("Executors registered with the driver (1 in local mode: the driver's own)")
        .callback(cb -> cb.call(backend.executorIds().size()))
        .register(registry);
    GaugeWithCallback.builder().name("sluice_blocks")
        .help("Received blocks (kind=stream) and cached RDD partitions (kind=rdd) held by some executor, as the "
            + "driver tracks them")
        .labelNames("kind")
        .callback(cb -> {
          Set<BlockId> held = heldBlocks(backend, driverStore);
          cb.call(held.stream().filter(id -> id instanceof BlockId.StreamBlock).count(), "stream");
          cb.call(held.stream().filter(id -> id instanceof BlockId.RddBlock).count(), "rdd");
        })
        .register(registry);
    GaugeWithCallback.builder().name("sluice_block_store_memory_bytes")
        .help("Bytes of blocks in memory in the driver's block store (every block in local mode; executor "
            + "processes keep their own accounts)")
        .unit(Unit.BYTES)
        .callback(cb -> cb.call(driverStore.memoryUsed()))
        .register(registry);
    GaugeWithCallback.builder().name("sluice_executor_block_store_memory_bytes")
        .help("Bytes of blocks in memory in each executor process's block store, as its last heartbeat "
            + "reported (none in local mode, where the driver's store is the executor's)")
        .unit(Unit.BYTES)
        .labelNames("executor")
        .callback(cb -> backend.executorBlockMemoryBytes().forEach((id, bytes) -> cb.call(bytes, id)))
        .register(registry);
    this.walWrites = Histogram.builder().name("sluice_wal_write_seconds")
        .help("Latency of write-ahead log writes until durable (log=received_block_metadata: the driver's "
            + "block log, including the group-commit wait; log=received_data: receivers in the driver's JVM)")
        .unit(Unit.SECONDS)
        .labelNames("log")
        .classicOnly()
        .classicUpperBounds(Buckets.WAL_WRITE_SECONDS)
        .register(registry);
  }

  /** The metrics of {@code sc}, when its UI is on and serves them. */
  public static Optional<DriverMetrics> of(SluiceContext sc) {
    return Internals.context().ui(sc).flatMap(DriverUi::metrics);
  }

  /**
   * The timer for a receiver's data log written with {@code env}: the driver's metrics when the
   * receiver runs inside the driver ({@code local[N]}, where the task's environment is the driver's
   * own), none in executor processes, which have no registry that anyone scrapes.
   */
  public static WalWriteTimer receivedDataTimer(ExecutorEnv env) {
    return SluiceContext.active().filter(sc -> Internals.context().driverEnv(sc) == env)
        .flatMap(DriverMetrics::of).map(m -> m.walTimer(RECEIVED_DATA_LOG)).orElse(WalWriteTimer.NONE);
  }

  /** Observes each write's latency under {@code log} (one of the *_LOG constants). */
  public WalWriteTimer walTimer(String log) {
    return nanos -> walWrites.labelValues(log).observe(nanos / 1e9);
  }

  /** Serves {@code metrics} from now on, in place of an earlier streaming context's. */
  public void attachStreaming(StreamingMetrics metrics) {
    this.streaming = metrics;
  }

  /** Everything, in the Prometheus text exposition format. */
  public String scrape() {
    List<MetricSnapshot> all = new ArrayList<>();
    JvmRegistry.REGISTRY.scrape().forEach(all::add);
    registry.scrape().forEach(all::add);
    StreamingMetrics s = streaming;
    if (s != null) {
      s.registry().scrape().forEach(all::add);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      // Our names are plain [a-z_] already, so the classic escaping leaves them as they are.
      WRITER.write(out, new MetricSnapshots(all), EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Set<BlockId> heldBlocks(ClusterBackend backend, BlockManager driverStore) {
    Set<BlockId> held = new HashSet<>(backend.trackedBlocks());
    driverStore.blockIds().stream().filter(BlockReporter::isTracked).forEach(held::add);
    return held;
  }
}
