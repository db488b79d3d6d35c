package io.sluice.internal.ui;

import io.sluice.core.SluiceConf;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.metrics.DriverMetrics;
import io.sluice.internal.scheduler.ClusterBackend;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's web UI, the application's YARN tracking URL: the pages and JSON of {@link UiRoutes},
 * answered from the live driver, and /metrics (Prometheus). Behind the ResourceManager's proxy the UI lives under
 * /proxy/&lt;appId&gt;/, so it never redirects and never writes an absolute link.
 *
 * <p>Listening when constructed; {@link #stop} closes it at once. Thread-safe.
 */
public final class DriverUi implements AppUiSource {
  private static final Logger log = LoggerFactory.getLogger(DriverUi.class);

  private final ApplicationInfo app;
  private final UiHttpServer server;
  private final String webUrl;
  // Both arrive after the UI started: the backend is created after it (a YARN backend registers the
  // tracking URL with the ResourceManager), and streaming contexts come and go on one SluiceContext.
  private volatile ClusterBackend backend;
  private volatile StreamingUiListener streaming;
  private volatile DriverMetrics metrics; // null: /metrics is off (sluice.metrics.enabled)

  /** Binds {@code sluice.ui.port} (or the next free port up to maxRetries above it) and starts serving. */
  public DriverUi(SluiceConf conf, ApplicationInfo app) {
    this.app = app;
    this.server = new UiHttpServer("sluice-ui", SluiceOptions.UI_PORT.get(conf),
        SluiceOptions.UI_PORT_MAX_RETRIES.get(conf), SluiceOptions.UI_PORT.key() + " (0 for any free port) or "
        + SluiceOptions.UI_PORT_MAX_RETRIES.key() + ", or turn the UI off with " + SluiceOptions.UI_ENABLED.key()
        + "=false", this::answer);
    this.webUrl = "http://" + advertisedHost(conf) + ":" + port() + "/";
    log.info("Sluice UI at {}", webUrl);
  }

  /** E.g. {@code http://host:4040/}, with the host from {@code sluice.driver.host}. */
  @Override
  public String webUrl() {
    return webUrl;
  }

  /** The port the UI listens on. */
  public int port() {
    return server.port();
  }

  public void attachBackend(ClusterBackend backend) {
    this.backend = backend;
  }

  /** Shows this streaming context from now on, in place of any earlier one. */
  public void attachStreaming(StreamingUiListener listener) {
    this.streaming = listener;
  }

  /** Serves {@code metrics} as /metrics from now on. */
  public void attachMetrics(DriverMetrics metrics) {
    this.metrics = metrics;
  }

  /** What /metrics serves, if it is on. */
  public Optional<DriverMetrics> metrics() {
    return Optional.ofNullable(metrics);
  }

  /** Stops at once; requests being served are cut off. */
  public void stop() {
    server.stop();
  }

  @Override
  public ApplicationInfo app() {
    return app;
  }

  @Override
  public Map<String, String> executors() {
    ClusterBackend b = backend;
    return b == null ? Map.of() : b.executorHostPorts();
  }

  @Override
  public Optional<StreamingUiListener> streaming() {
    return Optional.ofNullable(streaming);
  }

  /** The shared pages, plus /metrics, which only a live driver has. */
  private UiResponse answer(UiRequest request) {
    if (!request.path().equals("/metrics")) {
      return UiRoutes.answer(request, this);
    }
    DriverMetrics m = metrics;
    return m == null
        ? new UiResponse(404, UiResponse.TEXT, "Not found: /metrics (" + SluiceOptions.METRICS_ENABLED.key() + " is false)\n")
        : new UiResponse(200, DriverMetrics.CONTENT_TYPE, m.scrape());
  }

  private static String advertisedHost(SluiceConf conf) {
    return SluiceOptions.DRIVER_HOST.getOption(conf).orElseGet(() -> {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "127.0.0.1";
      }
    });
  }
}
